/**
 * `npm run test:load [-- --short]`: autocannon against the home page, the map page, a service point
 * page and the booking endpoint at 50 and 200 connections, each beside the same run's /healthz (a bare
 * endpoint) and /bench/bare (the smallest server-rendered page of the app). Targets (DESIGN.md
 * "Performance"): pages ≥ 50% of the bare page's throughput, p99 < 100 ms at 50 connections; bookings
 * created ≥ 1,000/s with zero overbooking.
 *
 * The booking part runs on SQLite and, in the same run, on PostgreSQL with one and with two app server
 * processes (LOAD_BACKENDS=sqlite,postgres; LOAD_POSTGRES_WORKERS=1,2; a throw-away cluster, or the
 * server POSTGRES_URL names: tests/load/postgres.ts), each on a database of its own, and reports every
 * configuration's created/s against SQLite's (one process) at the same connections. --short (inside
 * npm test) runs SQLite only.
 *
 * autocannon runs in this process and takes about one core, so only same-run ratios mean anything.
 * Fails (exit 1) on errors, 5xx answers or overbooking, never on throughput (the machine is shared).
 */
import autocannon from 'autocannon';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import {
	closeDatabase,
	dialectOf,
	openDatabase,
	rows as query,
	type Db
} from '../../src/lib/server/db';
import { createResidents, createSlot, slotCounts } from '../support/booking-db';
import {
	outputDir,
	privateBuild,
	removeDatabase,
	startFromSeeded,
	startServer
} from '../support/server';
import { loadPostgres, type LoadPostgres } from './postgres';

const short = process.argv.includes('--short');
const seconds = Number(process.env.LOAD_SECONDS) || (short ? 2 : 20);
// --short (inside npm test) checks correctness under load at 50 connections only; the figures come
// from the long run
const connectionCounts = (process.env.LOAD_CONNECTIONS ?? (short ? '50' : '50,200'))
	.split(',')
	.map(Number);
/** LOAD_ONLY=pages or booking measures one half (for comparing builds: BUILD_DIR=…) */
const only = process.env.LOAD_ONLY;
/** LOAD_WORKERS=1,2: one server per count, through scripts/start.js (WORKERS) when more than one */
const workerCounts = (process.env.LOAD_WORKERS ?? '1').split(',').map(Number);
/** the backends measured (the pages on the first; booking on each) */
const backends = (process.env.LOAD_BACKENDS ?? (short ? 'sqlite' : 'sqlite,postgres')).split(',');
/** app server processes on PostgreSQL: one server per count, as LOAD_WORKERS for SQLite */
const postgresWorkerCounts = (process.env.LOAD_POSTGRES_WORKERS ?? '1,2').split(',').map(Number);
for (const backend of backends)
	if (backend !== 'sqlite' && backend !== 'postgres')
		throw new Error(`LOAD_BACKENDS: sqlite or postgres, not "${backend}"`);
const pages = [
	{ name: 'GET /healthz (bare endpoint)', path: '/healthz', baseline: true },
	{ name: 'GET /bench/bare (bare page)', path: '/bench/bare', baseline: true },
	{ name: 'GET / (home)', path: '/' },
	{ name: 'GET /map', path: '/map' },
	{ name: 'GET /service-points/1', path: '/service-points/1' },
	// the other public pages people open first (the full run only: --short keeps the suite short)
	...(short
		? []
		: [
				{ name: 'GET /map?home=r:1 (life circle)', path: '/map?home=r:1' },
				{ name: 'GET /communities/620201001001', path: '/communities/620201001001' },
				{ name: 'GET /elder (长辈版)', path: '/elder' }
			])
];

interface Row {
	name: string;
	connections: number;
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	non2xx: number;
	vsBare?: number;
	note?: string;
}

const rows: Row[] = [];
let failures = 0;

function summarise(name: string, connections: number, result: autocannon.Result, note = ''): Row {
	const row: Row = {
		name,
		connections,
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		errors: result.errors,
		non2xx: result.non2xx,
		note
	};
	const serverErrors = result['5xx'];
	if (result.timeouts > 0) row.note = `${note} ${result.timeouts} timed out (> 30 s)`.trim();
	if (row.errors - result.timeouts > 0 || serverErrors > 0) {
		failures++;
		row.note = `${row.note} FAILED: ${row.errors} errors, ${serverErrors} 5xx`.trim();
	}
	rows.push(row);
	console.error(
		`  ${name} @${connections}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms ${row.note ?? ''}`
	);
	return row;
}

/** The middle value (the lower of the two middle ones). */
function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * The machine is shared and its load drifts within seconds, so the pages are measured in rounds of
 * (healthz, bare, home, map, service point), a slice of the time each: every page's ratio is taken
 * against the bare page of its own round, and the median round is reported (req/s: all requests over
 * all slices; p50 and p99: the median round's).
 */
async function measurePages(origin: string, connections: number) {
	const rounds = short ? 1 : 4;
	const slice = Math.max(2, Math.round(seconds / rounds));
	const perPage = new Map<string, autocannon.Result[]>();
	for (let round = 0; round < rounds; round++) {
		for (const page of pages) {
			const result = await autocannon({
				url: origin + page.path,
				connections,
				duration: slice,
				timeout: 30,
				headers: { accept: 'text/html' }
			});
			perPage.set(page.path, [...(perPage.get(page.path) ?? []), result]);
		}
	}
	const bare = perPage.get('/bench/bare')!;
	for (const page of pages) {
		const results = perPage.get(page.path)!;
		const merged = { ...results[0] };
		const requests = results.reduce((sum, r) => sum + r.requests.total, 0);
		const time = results.reduce((sum, r) => sum + r.duration, 0);
		merged.requests = { ...merged.requests, average: requests / time };
		merged.latency = {
			...merged.latency,
			p50: median(results.map((r) => r.latency.p50)),
			p99: median(results.map((r) => r.latency.p99))
		};
		for (const key of ['errors', 'timeouts', 'non2xx', '5xx'] as const)
			merged[key] = results.reduce((sum, r) => sum + r[key], 0);
		const row = summarise(page.name, connections, merged);
		if (page.path !== '/bench/bare')
			row.vsBare = median(results.map((r, i) => r.requests.average / bare[i].requests.average));
	}
}

/**
 * CPU seconds (user + system) used so far by a process and its descendants (the cluster's primary
 * and workers), from /proc: unlike req/s, this hardly moves when other work shares the machine.
 */
function cpuSeconds(pid: number): number {
	const ticksPerSecond = 100; // USER_HZ on Linux
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime are fields 14 and 15 (1-based, counting pid and the name)
	let total = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
	for (const task of readdirSync(`/proc/${pid}/task`)) {
		const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
		for (const child of children ? children.split(' ') : []) total += cpuSeconds(Number(child));
	}
	return total;
}

interface BookingRun {
	backend: string;
	workers: number;
	connections: number;
	rps: number;
	createdPerSecond: number;
	p50: number;
	p99: number;
	cpuMs: number;
	overbooked: number;
	mismatched: number;
	rolledBack?: number;
}

/**
 * PostgreSQL's count of rolled-back transactions in the database (pg_stat_database; the servers report
 * theirs at most a second late, hence the pause), undefined on SQLite.
 */
async function transactionCounts(db: Db) {
	if (dialectOf(db) !== 'postgres') return undefined;
	await new Promise((resolve) => setTimeout(resolve, 1500));
	const [row] = await query<{ rolled_back: string }>(
		db,
		sql`select xact_rollback as rolled_back from pg_stat_database where datname = current_database()`
	);
	return { rolledBack: Number(row.rolled_back) };
}
const bookingRuns: BookingRun[] = [];

async function measureBooking(
	origin: string,
	database: string,
	connections: number,
	serverPid: number,
	target: { backend: string; workers: number }
) {
	const db = openDatabase(database);
	const slots = 5;
	// Every fifth request asks for a slot of one place (taken by the first), so one answer in five is a
	// 409 "full"; the others go to four slots with a place for everyone. Each person asks for each
	// slot once (5 = the per-person limit), and there are enough people for the whole run.
	// (createResidents numbers at most 10,000 people per call)
	const people = await createResidents(
		db,
		Math.min(9000, Math.max(400, Math.round((seconds * 2200) / slots)))
	);
	const capacities = [1, ...Array.from({ length: slots - 1 }, () => people.length)];
	const slotIds: number[] = [];
	for (const places of capacities) slotIds.push(await createSlot(db, places));
	let next = 0;
	const transactionsBefore = await transactionCounts(db);
	const cpuBefore = cpuSeconds(serverPid);
	const probe = probeHealthz(origin);
	const result = await autocannon({
		url: origin,
		connections,
		timeout: 30,
		// bounded by time, not by a number of requests: autocannon notices the end of an `amount` only at
		// its next one-second tick, which skews a short run's rate
		duration: seconds,
		requests: [
			{
				method: 'POST',
				path: '/api/v1/bookings',
				setupRequest: (request) => {
					const k = next++;
					const person = people[Math.floor(k / slots) % people.length];
					const slotId = slotIds[k % slots];
					return {
						...request,
						headers: { 'content-type': 'application/json', cookie: person.cookie },
						body: JSON.stringify({ slotId })
					};
				}
			}
		]
	});
	const healthz = await probe.stop();
	const cpuMs = ((cpuSeconds(serverPid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
	// PostgreSQL: transactions rolled back meanwhile (serialization failures run again, and refusals)
	const transactionsAfter = await transactionCounts(db);
	const rolledBack =
		transactionsBefore && transactionsAfter
			? transactionsAfter.rolledBack - transactionsBefore.rolledBack
			: undefined;

	let overbooked = 0;
	let mismatched = 0;
	let active = 0;
	for (const [i, slotId] of slotIds.entries()) {
		const counts = await slotCounts(db, slotId);
		active += counts.activeBookings;
		if (counts.activeBookings > capacities[i]) overbooked++;
		if (counts.bookedCount !== counts.activeBookings) mismatched++;
	}
	await closeDatabase(db);
	const created = result['2xx'];
	const full = result.statusCodeStats?.['409']?.count ?? 0;
	const createdPerSecond = created / result.duration;
	const row = summarise(
		'POST /api/v1/bookings',
		connections,
		result,
		`${createdPerSecond.toFixed(0)} created/s (${created} created, ${full} full); overbooked slots ${overbooked}; ` +
			`server CPU ${cpuMs.toFixed(2)} ms per request; ` +
			(rolledBack === undefined ? '' : `${rolledBack} transactions rolled back; `) +
			`/healthz meanwhile p50 ${healthz.p50.toFixed(1)} ms, p99 ${healthz.p99.toFixed(1)} ms, max ${healthz.max.toFixed(0)} ms (${healthz.n} probes)`
	);
	// requests still in flight when the time is up are answered after autocannon stops counting:
	// at most one per connection may be booked without being counted
	if (overbooked > 0 || mismatched > 0 || active < created || active > created + connections) {
		failures++;
		row.note += ` FAILED: ${active} active for ${created} acknowledged, ${mismatched} count mismatches`;
	}
	bookingRuns.push({
		...target,
		connections,
		rps: row.rps,
		createdPerSecond,
		p50: row.p50,
		p99: row.p99,
		cpuMs,
		overbooked,
		mismatched,
		rolledBack
	});
	return createdPerSecond;
}

/**
 * One client asking /healthz every 10 ms while the load runs (the stall a visitor sees: a blocked event
 * loop, or a worker waiting for the database's write lock, shows up here).
 */
function probeHealthz(origin: string) {
	const times: number[] = [];
	let running = true;
	const done = (async () => {
		while (running) {
			const started = performance.now();
			const ok = await fetch(`${origin}/healthz`)
				.then((r) => r.arrayBuffer().then(() => r.ok))
				.catch(() => false);
			if (ok) times.push(performance.now() - started);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	})();
	return {
		async stop() {
			running = false;
			await done;
			const sorted = [...times].sort((a, b) => a - b);
			const at = (q: number) =>
				sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
			return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN, n: sorted.length };
		}
	};
}

function table(): string {
	const lines = [
		'| measure | connections | req/s | ÷ bare page | p50 ms | p99 ms | note |',
		'| --- | ---: | ---: | ---: | ---: | ---: | --- |'
	];
	for (const r of rows) {
		const ratio = r.vsBare === undefined ? '' : `${(r.vsBare * 100).toFixed(0)} %`;
		lines.push(
			`| ${r.name} | ${r.connections} | ${r.rps.toFixed(0)} | ${ratio} | ${r.p50} | ${r.p99} | ${r.note ?? ''} |`
		);
	}
	return lines.join('\n');
}

/** Booking on each backend and process count beside SQLite with one process, at the same connections. */
function bookingTable(): string {
	const name = (backend: string) => (backend === 'sqlite' ? 'SQLite' : 'PostgreSQL');
	const lines = [
		'| backend | processes | connections | req/s | created/s | ÷ SQLite (1 process) | p50 ms | p99 ms | app CPU ms/req | rolled back | overbooked slots |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
	];
	for (const run of bookingRuns) {
		const base = bookingRuns.find(
			(r) => r.backend === 'sqlite' && r.workers === 1 && r.connections === run.connections
		);
		const ratio = base ? `${(run.createdPerSecond / base.createdPerSecond).toFixed(2)}×` : '';
		lines.push(
			`| ${name(run.backend)} | ${run.workers} | ${run.connections} | ${run.rps.toFixed(0)} | ${run.createdPerSecond.toFixed(0)} | ${ratio} | ${run.p50} | ${run.p99} | ${run.cpuMs.toFixed(2)} | ${run.rolledBack ?? ''} | ${run.overbooked} |`
		);
	}
	return lines.join('\n');
}

interface Target {
	backend: 'sqlite' | 'postgres';
	workers: number;
	/** the pages are measured on the first backend's servers only */
	pages: boolean;
}
const targets: Target[] = backends.flatMap((backend, i) =>
	(backend === 'sqlite' ? workerCounts : postgresWorkerCounts).map((workers) => ({
		backend: backend as Target['backend'],
		workers,
		pages: i === 0
	}))
);

const buildDir = privateBuild('load');
const started = Date.now();
let postgres: LoadPostgres | undefined;
try {
	for (const target of targets) {
		const { backend, workers } = target;
		// a fresh SQLite file, or a fresh PostgreSQL database (empty: the first start migrates and seeds
		// it). LOAD_DATABASE_URL (one SQLite file or PostgreSQL database for every server) is still read.
		let database = process.env.LOAD_DATABASE_URL ?? join(outputDir, `load-${process.pid}.db`);
		if (backend === 'postgres' && !process.env.LOAD_DATABASE_URL) {
			postgres ??= await loadPostgres();
			database = await postgres.database(`lifecircle_load_${workers}`);
		}
		removeDatabase(database);
		// in npm test: a copy of the demo city test-all.js seeded beside the build (SQLite; no-op otherwise)
		startFromSeeded(database);
		// BENCH_PAGES serves the baseline page /bench/bare (a production server answers 404 there)
		const serverStarted = Date.now();
		const server = await startServer({
			buildDir,
			database,
			log: `load-${process.pid}`,
			env: { BENCH_PAGES: 'true' },
			workers,
			// seeding the demo city into PostgreSQL takes over a minute on a busy machine
			healthTimeoutMs: backend === 'postgres' ? 300_000 : undefined
		});
		const firstRow = rows.length;
		try {
			console.error(
				`load: ${seconds} s per measurement against ${server.origin}, ${backend}, WORKERS=${workers} ` +
					`(started in ${((Date.now() - serverStarted) / 1000).toFixed(1)} s)`
			);
			for (const connections of connectionCounts) {
				if (only !== 'booking' && target.pages) await measurePages(server.origin, connections);
				if (only !== 'pages')
					await measureBooking(server.origin, database, connections, server.child.pid!, target);
			}
		} finally {
			await server.stop();
			removeDatabase(database);
		}
		const label = [
			backends.length > 1 ? (backend === 'sqlite' ? 'SQLite' : 'PostgreSQL') : '',
			targets.length > 1 || workers > 1 ? `WORKERS=${workers}` : ''
		]
			.filter(Boolean)
			.join(', ');
		if (label) for (const row of rows.slice(firstRow)) row.name += ` (${label})`;
	}
} finally {
	await postgres?.stop();
}
const text = table();
console.log(text);
if (bookingRuns.length > 1) {
	console.log(`\nBooking, same run${postgres ? ` (${postgres.describe})` : ''}:\n`);
	console.log(bookingTable());
}
mkdirSync(outputDir, { recursive: true });
writeFileSync(
	join(outputDir, 'load.json'),
	JSON.stringify({ rows, booking: bookingRuns }, null, 2)
);
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s; ${failures} failed measurements`);
process.exit(failures > 0 ? 1 : 0);
