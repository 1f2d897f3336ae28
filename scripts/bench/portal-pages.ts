/**
 * The served portal on a big city, as one administrator sees it: `npx tsx scripts/bench/portal-pages.ts
 * <database> [repeats]` starts the build (BUILD_DIR, default: builds as `npm start` does) on a copy of the
 * database (see portal-city.ts), signs in as the demo administrator and fetches each admin page and export
 * `repeats` times (default 5): median and slowest time to the last byte, the bytes of the body (and on the
 * wire, gzipped), then the server's peak RSS. PAGES=coverage,gaps limits it to paths containing a word.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { tileOf } from '../../src/lib/components/homes-layer';
import { privateBuild, removeDatabase, startServer } from '../../tests/support/server';

const adminPhone = '13900000099';
const password = 'jyg-demo-2026';

const urbanCore: [number, number] = [98.285, 39.785];

/** the pages, the exports, and the map tiles of homes at the urban core (one tile each) */
export const measuredPaths = [
	'/admin',
	'/admin/coverage?category=meal',
	'/admin/gaps?category=meal',
	'/admin/what-if?category=meal',
	'/admin/data',
	'/admin/coverage.csv',
	'/admin/coverage.geojson?category=meal',
	'/admin/service-points.csv',
	'/api/residences.geojson',
	'/api/service-points.geojson',
	...[11, 13, 16].map((z) => {
		const [x, y] = tileOf(urbanCore, z);
		return `/api/homes?category=meal&which=all&z=${z}&x=${x}&y=${y}`;
	})
];

/** One GET to the last byte; `bytes` as they came over the wire (node:http does not decompress). */
function timed(url: string, headers: Record<string, string>) {
	const started = performance.now();
	return new Promise<{ ms: number; status: number; bytes: number }>((resolve, reject) => {
		get(url, { headers, agent: false }, (response) => {
			let bytes = 0;
			response.on('data', (chunk: Buffer) => (bytes += chunk.length));
			response.on('end', () =>
				resolve({ ms: performance.now() - started, status: response.statusCode ?? 0, bytes })
			);
			response.on('error', reject);
		}).on('error', reject);
	});
}

function peakRssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const kb = (n: number) => `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;

async function main() {
	const source = process.argv[2];
	if (!source) throw new Error('usage: portal-pages.ts <database> [repeats]');
	const repeats = Number(process.argv[3] ?? 5);
	const only = process.env.PAGES?.split(',').filter(Boolean);
	const database = 'tests/output/portal-pages.db';
	removeDatabase(database);
	copyFileSync(source, database);
	const buildDir = privateBuild('portal-pages');
	const startedAt = performance.now();
	const server = await startServer({
		buildDir,
		database,
		env: { SEED_DEMO: 'false', LOGIN_LIMIT_PER_IP: '100000' },
		healthTimeoutMs: 300_000
	});
	const startMs = performance.now() - startedAt;
	try {
		const login = await fetch(`${server.origin}/api/v1/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.origin },
			body: JSON.stringify({ phone: adminPhone, password })
		});
		if (!login.ok) throw new Error(`login ${login.status}: ${await login.text()}`);
		const cookie = login.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		console.log(`server healthy after ${Math.round(startMs)} ms; ${repeats} requests per path`);
		console.log('| path | status | median | slowest | body | gzipped |');
		console.log('| --- | --- | --- | --- | --- | --- |');
		for (const path of measuredPaths) {
			if (only && !only.some((word) => path.includes(word))) continue;
			const url = server.origin + path;
			const first = await timed(url, { cookie, 'accept-encoding': 'identity' });
			const wire = await timed(url, { cookie, 'accept-encoding': 'gzip' });
			const times = [first.ms];
			for (let i = 1; i < repeats; i++)
				times.push((await timed(url, { cookie, 'accept-encoding': 'gzip' })).ms);
			times.sort((a, b) => a - b);
			console.log(
				`| \`${path}\` | ${first.status} | ${times[Math.floor(times.length / 2)].toFixed(0)} ms | ${times.at(-1)!.toFixed(0)} ms | ${kb(first.bytes)} | ${kb(wire.bytes)} |`
			);
		}
		console.log(`server peak RSS: ${peakRssMb(server.child.pid!).toFixed(0)} MB`);
	} finally {
		await server.stop();
	}
}

await main();
