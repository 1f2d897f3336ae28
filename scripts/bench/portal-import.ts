/**
 * An import of many residences through /admin/data, as the page sends it with JavaScript (pieces
 * under BODY_SIZE_LIMIT, then the streamed read): `npx tsx scripts/bench/portal-import.ts <database>
 * <rows> [keep]` writes a CSV of `rows` new residences (the database's own, repeated and renamed), starts
 * the build (BUILD_DIR) on a copy of the database, and prints the upload and import times, the
 * report and the server's peak RSS; with `keep`, the database with the imported homes is kept there.
 */
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { asc } from 'drizzle-orm';
import { closeDatabase, openDatabase, schema } from '../../src/lib/server/db';
import { privateBuild, removeDatabase, startServer } from '../../tests/support/server';

interface Home {
	name: string;
	community: string;
	lng: number;
	lat: number;
	households: number;
	residents: number;
	elderly: number;
	children: number;
}

export async function residencesCsv(source: string, rows: number): Promise<string> {
	const db = openDatabase(source);
	const { residence } = schema;
	let homes: Home[];
	try {
		homes = await db
			.select({
				name: residence.name,
				community: residence.communityCode,
				lng: residence.lng,
				lat: residence.lat,
				households: residence.households,
				residents: residence.residents,
				elderly: residence.elderly60plus,
				children: residence.children0to3
			})
			.from(residence)
			.orderBy(asc(residence.id));
	} finally {
		await closeDatabase(db);
	}
	const lines = ['name,community,lng,lat,households,residents,elderly_60plus,children_0_3'];
	for (let i = 0; i < rows; i++) {
		const h = homes[i % homes.length];
		const copy = Math.floor(i / homes.length);
		lines.push(
			[
				`${h.name}${copy ? `-${copy}` : ''}`,
				h.community,
				(h.lng + copy * 1e-5).toFixed(6),
				h.lat.toFixed(6),
				h.households,
				h.residents,
				h.elderly,
				h.children
			].join(',')
		);
	}
	return lines.join('\n') + '\n';
}

/**
 * fetch, once more when the connection was reset: after a long synchronous step the server closes
 * the keep-alive connections that timed out meanwhile, as the next request goes out on one
 */
async function fetch(url: string, init?: RequestInit): Promise<Response> {
	try {
		return await globalThis.fetch(url, init);
	} catch {
		return globalThis.fetch(url, init);
	}
}

function peakRssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main() {
	const [source, count = '600000', keep] = process.argv.slice(2);
	if (!source) throw new Error('usage: portal-import.ts <database> [rows]');
	const file = `tests/output/import-${count}.csv`;
	writeFileSync(file, await residencesCsv(source, Number(count)));
	const size = statSync(file).size;
	const database = 'tests/output/portal-import.db';
	removeDatabase(database);
	copyFileSync(source, database);
	const server = await startServer({
		buildDir: privateBuild('portal-import'),
		database,
		env: { SEED_DEMO: 'false', LOGIN_LIMIT_PER_IP: '100000' },
		log: 'portal-import',
		healthTimeoutMs: 300_000
	});
	server.child.once('exit', (code, signal) =>
		console.error(`server exited: code ${code}, signal ${signal}`)
	);
	try {
		const headers = { origin: server.origin, cookie: '' };
		const login = await fetch(`${server.origin}/api/v1/auth/login`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify({ phone: '13900000099', password: 'jyg-demo-2026' })
		});
		headers.cookie = login.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		const body = readFileSync(file);
		const started = performance.now();
		const start = await (
			await fetch(`${server.origin}/admin/data/uploads`, {
				method: 'POST',
				headers: { ...headers, 'content-type': 'application/json' },
				body: JSON.stringify({ kind: 'residences', name: 'homes.csv', mode: 'all', size })
			})
		).json();
		const path = `${server.origin}/admin/data/uploads/${start.id}`;
		for (let offset = 0; offset < size; offset += start.chunkBytes) {
			const response = await fetch(`${path}?offset=${offset}`, {
				method: 'PUT',
				headers: { ...headers, 'content-type': 'application/octet-stream' },
				body: body.subarray(offset, offset + start.chunkBytes)
			});
			if (!response.ok) throw new Error(`piece at ${offset}: ${await response.text()}`);
		}
		const uploaded = performance.now();
		let status = await (await fetch(path, { method: 'POST', headers })).json();
		// /healthz every 100 ms on its own, beside the polling: how long others wait meanwhile
		let healthSlowest = 0;
		let finished = false;
		const probing = (async () => {
			while (!finished) {
				const probe = performance.now();
				await fetch(`${server.origin}/healthz`);
				healthSlowest = Math.max(healthSlowest, performance.now() - probe);
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		})();
		while (status.state === 'reading' || status.state === 'writing') {
			await new Promise((resolve) => setTimeout(resolve, 200));
			status = await (await fetch(path, { headers })).json();
		}
		const done = performance.now();
		finished = true;
		await probing;
		console.log(
			`${count} residences, ${(size / 1048576).toFixed(1)} MB of CSV: upload in ${Math.ceil(size / start.chunkBytes)} pieces ${((uploaded - started) / 1000).toFixed(1)} s, read + write ${((done - uploaded) / 1000).toFixed(1)} s; ` +
				`${status.state}: inserted ${status.report?.inserted}, rejected ${status.report?.rejectedTotal}; slowest /healthz during the import ${healthSlowest.toFixed(0)} ms; server peak RSS ${peakRssMb(server.child.pid!).toFixed(0)} MB`
		);
	} finally {
		await server.stop();
	}
	// `<keep>`: the database with the imported homes, for portal-pages.ts (a 10M-resident city's homes)
	if (keep) {
		removeDatabase(keep);
		for (const suffix of ['', '-wal', '-shm'])
			if (existsSync(database + suffix)) copyFileSync(database + suffix, keep + suffix);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
