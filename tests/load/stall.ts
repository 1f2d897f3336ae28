/**
 * `npx tsx tests/load/stall.ts [--short] [--baseline BUILD_DIR]` (part of `npm run test:load`): does
 * one costly request stall everyone (issue 14, finding 3; issue 17, point 4)? 20 concurrent clients
 * ask for a costly public answer as fast as they can for a few seconds while /healthz is sampled
 * every 20 ms (STALL_PROBE_MS) from a separate process (health-probe.js); reports the /healthz latency (p50, p99, max) beside a quiet sample, and what the
 * greedy clients got (answers, 429s). Target: /healthz p99 < 100 ms. Scenarios on the demo city:
 *   - residences: 20 clients repeating /api/residences.geojson (one address)
 *   - homes: 20 clients opening /map?home=r:N with a different home each time (one address)
 *   - homes, 20 addresses: the same from 127.0.0.10–29, one client each (a budget per address
 *     does not stop many addresses; see README)
 * Bounded: loopback only, 6 s per scenario, at most 3,000 requests per client. With --baseline, the
 * same runs against another build (e.g. one made from the commit before the budget) first.
 * This build runs twice: with a budget too large to matter (caching alone), then with the default;
 * one server process, or STALL_WORKERS of them (`npm start` runs one per core, at most 4).
 *
 * Then the engine's life cycle on a bigger generated city (city-database.ts; scale 3.2 ≈ 1M
 * residents, --short: scale 1.6): the first coverage answer after a start, and a rebuild after an
 * import (10 % of the residences change their households, as an import does) while 20 clients ask
 * for homes and walking bands (answers of the engine): /healthz during the rebuild, the first
 * coverage answer after the import, how long until the new engine answers, and the server's peak RSS.
 * --short (CI, ~1 min) runs only that part, on this build (and the baseline when given).
 * Exits 1 when /healthz or a greedy client got a 5xx or no answer; never on latency (shared machine).
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { asc, eq, sql } from 'drizzle-orm';
import {
	checkpoint,
	closeDatabase,
	openDatabase,
	schema,
	transaction
} from '../../src/lib/server/db';
import { outputDir, privateBuild, removeDatabase, startServer } from '../support/server';
import { seededCity } from './city-database';

const short = process.argv.includes('--short');
const seconds = Number(process.env.STALL_SECONDS) || 6;
const clients = 20;
const maxPerClient = 3000;
const probeIntervalMs = Number(process.env.STALL_PROBE_MS) || 20;
/** server processes for the demo city's scenarios (STALL_WORKERS; `npm start` runs one per core, at most 4) */
const workers = Number(process.env.STALL_WORKERS) || 1;
const baselineIndex = process.argv.indexOf('--baseline');
const baseline = baselineIndex > 0 ? process.argv[baselineIndex + 1] : undefined;

interface Timed {
	status: number;
	ms: number;
}

let failures = 0;

function get(agent: Agent, origin: string, path: string): Promise<Timed> {
	const { hostname, port } = new URL(origin);
	const started = performance.now();
	return new Promise((resolve) => {
		const outgoing = request(
			{ host: hostname, port, path, agent, headers: { 'accept-encoding': 'gzip' } },
			(response) => {
				response.resume();
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, ms: performance.now() - started })
				);
			}
		);
		outgoing.setTimeout(30_000, () => outgoing.destroy());
		outgoing.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
		outgoing.end();
	});
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

interface Sample {
	at: number;
	ms: number;
	/** the engine's builds so far, as /healthz reports them (this build; absent before it) */
	builds?: number;
}

/**
 * /healthz asked for every STALL_PROBE_MS (20) from a process of its own (health-probe.js), as a load
 * balancer's check is: the latencies are the server's, not the greedy clients' event loop in this
 * process. `answering` resolves with its first answer (its connection open, its process started);
 * `onSample` sees each answer as it arrives (`at` is the probe's clock when it asked).
 */
function startProbe(origin: string, onSample?: (sample: Sample) => void) {
	const probe = spawn(
		process.execPath,
		[fileURLToPath(new URL('./health-probe.js', import.meta.url)), origin, String(probeIntervalMs)],
		{ stdio: ['pipe', 'pipe', 'inherit'] }
	);
	const samples: Sample[] = [];
	const exited = new Promise((resolve) => probe.on('close', resolve));
	let firstAnswer = () => {};
	const answering = new Promise<void>((resolve) => (firstAnswer = resolve));
	createInterface({ input: probe.stdout }).on('line', (line) => {
		const { at, ms, status, builds } = JSON.parse(line) as Sample & { status: number };
		if (status !== 200) failures++;
		samples.push({ at, ms, builds });
		onSample?.({ at, ms, builds });
		firstAnswer();
	});
	return {
		answering,
		async stop(): Promise<Sample[]> {
			probe.stdin.end();
			await exited;
			return samples;
		}
	};
}

/** The probe's latencies from its first answer until `until()` holds. */
async function sampleHealth(
	origin: string,
	until: () => boolean,
	onSample?: (sample: Sample) => void
): Promise<number[]> {
	const probe = startProbe(origin, onSample);
	await probe.answering;
	while (!until()) await new Promise((resolve) => setTimeout(resolve, 20));
	return (await probe.stop()).map((sample) => sample.ms);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const healthLine = (samples: number[]) =>
	`/healthz p50 ${ms(percentile(samples, 0.5))}, p99 ${ms(percentile(samples, 0.99))}, max ${ms(Math.max(...samples))} (${samples.length} samples)`;

interface Scenario {
	name: string;
	path: (client: number, i: number) => string;
	address: (client: number) => string;
}

async function run(origin: string, scenario: Scenario) {
	// the health check runs before the clients come, as a load balancer's does
	const probe = startProbe(origin);
	await probe.answering;
	const from = Date.now();
	const ends = from + seconds * 1000;
	const done = () => Date.now() >= ends;
	const statuses = new Map<number, number>();
	const greedy = Array.from({ length: clients }, async (_, client) => {
		const agent = new Agent({ keepAlive: true, localAddress: scenario.address(client) });
		for (let i = 0; i < maxPerClient && !done(); i++) {
			const { status } = await get(agent, origin, scenario.path(client, i));
			if (status === 0 || status >= 500) failures++;
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
		}
		agent.destroy();
	});
	await Promise.all(greedy);
	const samples = (await probe.stop()).filter((sample) => sample.at >= from);
	const served = statuses.get(200) ?? 0;
	// when the slowest answers came, from the clients' start: a burst at the start or a pause later
	const slowest = [...samples]
		.sort((a, b) => b.ms - a.ms)
		.slice(0, 3)
		.map((sample) => `${ms(sample.ms)} at +${((sample.at - from) / 1000).toFixed(1)} s`);
	return {
		scenario: scenario.name,
		health: samples.map((sample) => sample.ms),
		slowest,
		servedPerS: served / seconds,
		statuses: Object.fromEntries(statuses)
	};
}

async function measure(label: string, buildDir: string, database: string, budget: string) {
	const server = await startServer({
		buildDir,
		database,
		env: {
			PUBLIC_BUDGET_MS_PER_SECOND: budget,
			PUBLIC_BUDGET_BURST_MS: '',
			PUBLIC_BUDGET_MAX_RUNNING: budget
		},
		log: 'stall-server',
		workers
	});
	const db = openDatabase(database);
	const { residence } = schema;
	const homes = (
		await db.select({ id: residence.id }).from(residence).orderBy(asc(residence.id))
	).map((r) => r.id);
	await closeDatabase(db);
	const home = (client: number, i: number) =>
		`/map?home=r:${homes[(client * 97 + i) % homes.length]}`;
	const scenarios: Scenario[] = [
		{
			name: 'residences, 1 address',
			path: () => '/api/residences.geojson',
			address: () => '127.0.0.9'
		},
		{ name: 'homes, 1 address', path: home, address: () => '127.0.0.9' },
		{ name: 'homes, 20 addresses', path: home, address: (c) => `127.0.0.${10 + c}` }
	];
	const quiet = await sampleHealth(
		server.origin,
		(() => {
			const ends = Date.now() + 2000;
			return () => Date.now() >= ends;
		})()
	);
	console.log(
		`\n${label} (${buildDir}${workers > 1 ? `, WORKERS=${workers}` : ''}): quiet ${healthLine(quiet)}`
	);
	for (const scenario of scenarios) {
		// a pause between scenarios, so that one's budget debt does not start the next
		await new Promise((resolve) => setTimeout(resolve, 12_000));
		const r = await run(server.origin, scenario);
		console.log(
			`  ${r.scenario.padEnd(22)} ${healthLine(r.health)} (slowest ${r.slowest.join(', ')}); greedy clients: ${r.servedPerS.toFixed(0)} answers/s, statuses ${JSON.stringify(r.statuses)}`
		);
	}
	await server.stop();
}

/** The server's peak resident set so far (Linux), in MB. */
function peakRssMb(pid: number | undefined): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * The engine's life cycle on a bigger city: the first coverage answer after a start, then two
 * imports: one on a quiet server (what the rebuild itself does to everyone), one while 20 clients
 * from one address ask for homes and bands (under the default public budget, as deployed).
 */
async function rebuild(label: string, buildDir: string, city: string) {
	const database = join(outputDir, 'stall-city.db');
	removeDatabase(database);
	copyFileSync(city, database);
	const server = await startServer({
		buildDir,
		database,
		log: 'stall-server',
		env: {
			PUBLIC_BUDGET_MS_PER_SECOND: '',
			PUBLIC_BUDGET_BURST_MS: '',
			PUBLIC_BUDGET_MAX_RUNNING: ''
		}
	});
	// each probe from its own address: the public budget charges the costly first answer to its caller
	const probe = (n: number) => new Agent({ keepAlive: false, localAddress: `127.0.0.${240 - n}` });
	// right after start: this build waits for its first engine, the baseline builds it in the request
	const first = await get(probe(0), server.origin, '/api/coverage/summary');
	const db = openDatabase(database);
	const { residence } = schema;
	const homes = await db
		.select({ id: residence.id, lng: residence.lng, lat: residence.lat })
		.from(residence)
		.orderBy(asc(residence.id));
	console.log(`\n${label} (${buildDir}), ${homes.length} residences:`);
	console.log(`  first /api/coverage/summary after the start: ${ms(first.ms)} (${first.status})`);
	const path = (client: number, i: number) => {
		const home = homes[(client * 97 + i * 13) % homes.length];
		return i % 2 === 0
			? `/map?home=r:${home.id}`
			: `/api/isochrone?lat=${home.lat.toFixed(5)}&lng=${home.lng.toFixed(5)}&minutes=15`;
	};
	for (const [round, greedyClients] of [
		[1, 0],
		[2, clients]
	]) {
		let stop = false;
		let changedAt = 0;
		let swappedAt = 0;
		let buildsBefore: number | undefined;
		const samples: Sample[] = [];
		const statuses = new Map<number, number>();
		const greedy = Array.from({ length: greedyClients }, async (_, client) => {
			const agent = new Agent({ keepAlive: true, localAddress: '127.0.0.9' });
			for (let i = 0; !stop; i++) {
				const { status } = await get(agent, server.origin, path(client, i));
				if (status === 0 || status >= 500) failures++;
				if (changedAt) statuses.set(status, (statuses.get(status) ?? 0) + 1);
			}
			agent.destroy();
		});
		const sampler = sampleHealth(
			server.origin,
			() => stop,
			(sample) => {
				samples.push(sample);
				if (!changedAt) buildsBefore = sample.builds;
				else if (!swappedAt && sample.builds !== undefined && sample.builds > buildsBefore!)
					swappedAt = sample.at;
			}
		);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		// the import: one transaction, as /admin/data writes it (the triggers bump the data version)
		changedAt = Date.now();
		await transaction(db, (tx) =>
			tx
				.update(residence)
				.set({ households: sql`${residence.households} + 1` })
				.where(eq(sql`${residence.id} % 10`, round))
		);
		const afterImport = await get(probe(round), server.origin, '/api/coverage/summary');
		// until the new engine answers (this build) or the rebuilding request returned (the baseline)
		const limit = Date.now() + 60_000;
		while (Date.now() < limit && buildsBefore !== undefined && !swappedAt) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		const rebuiltAt = swappedAt || changedAt + afterImport.ms;
		await new Promise((resolve) => setTimeout(resolve, 1000));
		stop = true;
		await Promise.all([sampler, ...greedy]);
		const during = samples.filter((s) => s.at >= changedAt).map((s) => s.ms);
		const who = greedyClients
			? `while ${greedyClients} clients (one address, default budget) ask for homes and bands`
			: 'on a quiet server';
		console.log(
			`  import ${who}: new engine answering after ${rebuiltAt - changedAt} ms; the first /api/coverage/summary after the import took ${ms(afterImport.ms)} (${afterImport.status}${swappedAt ? ', from the old engine' : ', rebuilding'})`
		);
		console.log(
			`    from the import to 1 s after the rebuild: ${healthLine(during)}${greedyClients ? `; greedy statuses ${JSON.stringify(Object.fromEntries(statuses))}` : ''}`
		);
	}
	// the whole city's residence layer, first asked after a change (built for the new data version)
	{
		await transaction(db, (tx) =>
			tx
				.update(residence)
				.set({ households: sql`${residence.households} + 1` })
				.where(eq(sql`${residence.id} % 10`, 3))
		);
		let stop = false;
		const sampler = sampleHealth(server.origin, () => stop);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const layer = await get(probe(3), server.origin, '/api/residences.geojson');
		await new Promise((resolve) => setTimeout(resolve, 300));
		stop = true;
		const health = await sampler;
		console.log(
			`  the residence layer's first build after a change: ${ms(layer.ms)} (${layer.status}); meanwhile ${healthLine(health)}`
		);
		if (layer.status !== 200) failures++;
	}
	console.log(`  peak RSS of the server: ${peakRssMb(server.child.pid).toFixed(0)} MB`);
	await closeDatabase(db);
	await server.stop();
}

const buildDir = privateBuild('stall');
if (!short) {
	const database = join(outputDir, 'stall.db');
	const seeded = join(outputDir, 'stall-seeded.db');
	if (!existsSync(seeded)) {
		// the first start seeds the demo city (about 30 s); later runs start from a copy of it
		removeDatabase(database);
		const server = await startServer({ buildDir, database, healthTimeoutMs: 240_000 });
		await server.stop();
		// the copy below is of the file alone: everything in it, nothing left in the WAL
		const db = openDatabase(database);
		await checkpoint(db);
		await closeDatabase(db);
		copyFileSync(database, seeded);
	}
	const runs: [label: string, dir: string, budget: string][] = [
		...(baseline ? [['baseline', baseline, ''] as [string, string, string]] : []),
		// caching alone: this build with a budget too large to matter
		['this build, no budget', buildDir, '1000000'],
		['this build, default budget', buildDir, '']
	];
	for (const [label, dir, budget] of runs) {
		removeDatabase(database);
		copyFileSync(seeded, database);
		await measure(label, dir, database, budget);
	}
}
// STALL_SCALE=3.2 with --short: only the engine part, on the 1M-resident city
const city = await seededCity(Number(process.env.STALL_SCALE) || (short ? 1.6 : 3.2));
if (baseline) await rebuild('engine life cycle, baseline', baseline, city);
await rebuild('engine life cycle, this build', buildDir, city);
if (failures > 0) {
	console.log(`\nFAILED: ${failures} answers were 5xx or none`);
	process.exit(1);
}
