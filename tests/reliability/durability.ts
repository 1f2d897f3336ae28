/**
 * `npm run test:durability [-- --short] [-- --sqlite | --postgres]`: nothing acknowledged is lost when a
 * server dies.
 *
 * Two server processes (DURABILITY_PROCESSES) share one database under a booking rush: a SQLite file
 * (--sqlite), or a PostgreSQL database (--postgres: a fresh database on a throw-away cluster, or on the
 * server POSTGRES_URL names: tests/load/postgres.ts; DURABILITY_DATABASE_URL names one of your own).
 * Without either flag the long run does SQLite, then PostgreSQL (each in a process of its own), and
 * --short (inside npm test) SQLite only. One
 * or both are killed with SIGKILL at random moments (DURABILITY_KILLS times; 25 by default, 4 with
 * --short) and started again. Afterwards every booking answered 201 must be in the database as
 * booked, with its code; no booking may be there twice (two active bookings of one person in one slot,
 * or one id acknowledged twice); no slot may hold more bookings than places (nor a booked_count that
 * disagrees); on SQLite `PRAGMA integrity_check` must say ok; and no answer may have been a 5xx or mention a
 * locked database (several processes on one file: the write lock is waited for, never reported) or a
 * PostgreSQL serialization failure, deadlock or connection shortage (retried or waited for, never reported).
 * Connection errors while a server is down are expected and counted, not failures.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { and, count, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import {
	closeDatabase,
	dialectOf,
	dialectOfUrl,
	openDatabase,
	rows,
	schema
} from '../../src/lib/server/db';
import { createResidents, createSlot } from '../support/booking-db';
import {
	outputDir,
	privateBuild,
	removeDatabase,
	startFromSeeded,
	startServer,
	type RunningServer
} from '../support/server';
import { loadPostgres } from '../load/postgres';

const short = process.argv.includes('--short');
const kills = Number(process.env.DURABILITY_KILLS) || (short ? 4 : 25);
const processes = Number(process.env.DURABILITY_PROCESSES) || 2;
const onPostgres = process.argv.includes('--postgres');
const onSqlite = process.argv.includes('--sqlite');
// the long run without a flag: both backends, one after the other, each in a process of its own
if (!onPostgres && !onSqlite && !short && !process.env.DURABILITY_DATABASE_URL) {
	let failed = 0;
	for (const flag of ['--sqlite', '--postgres']) {
		const run = spawnSync('npx', ['tsx', process.argv[1], ...process.argv.slice(2), flag], {
			stdio: 'inherit'
		});
		if (run.status !== 0) failed++;
	}
	process.exit(failed > 0 ? 1 : 0);
}
const clients = 24;
/** fresh slots every round, so that bookings are being written whenever a kill comes */
const slotsPerRound = 30;
const capacity = 12;
const people = 1500;
/** a hard stop for the whole run, whatever happens */
const deadline = setTimeout(
	() => {
		console.error('durability: time limit reached');
		process.exit(2);
	},
	(short ? 4 : 20) * 60_000
);
deadline.unref();

interface Acknowledged {
	id: number;
	code: string;
	slotId: number;
	userId: number;
}

const counts = {
	requests: 0,
	created: 0,
	refused4xx: 0,
	serverErrors: 0,
	lockedMessages: 0,
	connectionErrors: 0,
	kills: 0,
	restarts: 0
};
const byStatus = new Map<number, number>();
const acknowledged: Acknowledged[] = [];

const buildDir = privateBuild('durability');
const postgres =
	onPostgres && !process.env.DURABILITY_DATABASE_URL ? await loadPostgres() : undefined;
const database =
	process.env.DURABILITY_DATABASE_URL ??
	(postgres
		? await postgres.database('lifecircle_durability')
		: join(outputDir, `durability-${process.pid}.db`));
removeDatabase(database);
// in npm test: a copy of the demo city test-all.js seeded beside the build (SQLite; no-op otherwise).
// It was seeded under the default booking limit, which its history keeps; a history within 5 upcoming
// bookings a person is within this run's 10,000 too, and the rush books for residents of its own.
startFromSeeded(database);

const servers: (RunningServer | null)[] = new Array(processes).fill(null);
const ports: number[] = [];
async function start(i: number) {
	const server = await startServer({
		buildDir,
		database,
		port: ports[i],
		log: `durability-${process.pid}`,
		env: { BOOKING_PERSON_LIMIT: '10000' },
		// the first start on PostgreSQL seeds the demo city: over a minute on a busy machine
		healthTimeoutMs: postgres ? 300_000 : undefined
	});
	ports[i] = server.port;
	servers[i] = server;
}

// The first start seeds the demo city; the others open the same file.
await start(0);
for (let i = 1; i < processes; i++) await start(i);

const setup = openDatabase(database);
const residents = await createResidents(setup, people);
const slotIds: number[] = [];
let current: number[] = [];
async function newSlots() {
	const made: number[] = [];
	for (let i = 0; i < slotsPerRound; i++) made.push(await createSlot(setup, capacity));
	current = made;
	slotIds.push(...current);
}
await newSlots();

let running = true;
async function client(seed: number) {
	let k = seed;
	while (running) {
		k = (k * 1103515245 + 12345) % 2 ** 31;
		const live = servers.filter((s): s is RunningServer => s !== null);
		if (live.length === 0) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			continue;
		}
		const server = live[k % live.length];
		const person = residents[k % residents.length];
		const slotId = current[(k >> 8) % current.length];
		counts.requests++;
		try {
			const response = await fetch(`${server.origin}/api/v1/bookings`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: person.cookie },
				body: JSON.stringify({ slotId }),
				signal: AbortSignal.timeout(15_000)
			});
			const text = await response.text();
			byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
			if (
				/database is locked|SQLITE_BUSY|could not serialize|deadlock detected|too many clients|connection slots/i.test(
					text
				)
			)
				counts.lockedMessages++;
			if (response.status === 201) {
				const { booking } = JSON.parse(text) as { booking: { id: number; code: string } };
				acknowledged.push({ id: booking.id, code: booking.code, slotId, userId: person.id });
				counts.created++;
			} else if (response.status >= 500) counts.serverErrors++;
			else counts.refused4xx++;
		} catch {
			// the server died with the request open: never acknowledged, so it may or may not exist
			counts.connectionErrors++;
		}
	}
}

const load = Array.from({ length: clients }, (_, i) => client(i * 7919 + 1));
const started = Date.now();
for (let round = 0; round < kills; round++) {
	if (round > 0) await newSlots();
	await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1500));
	// mostly one process, sometimes all of them at once
	const victims =
		Math.random() < 0.25 ? servers.map((_, i) => i) : [Math.floor(Math.random() * processes)];
	for (const i of victims) {
		const server = servers[i];
		if (!server) continue;
		servers[i] = null;
		server.child.kill('SIGKILL');
		await server.exited;
		counts.kills++;
	}
	for (const i of victims) {
		await start(i);
		counts.restarts++;
	}
	console.error(
		`  kill ${round + 1}/${kills}: ${counts.created} acknowledged, ${counts.connectionErrors} cut off`
	);
}
running = false;
await Promise.all(load);
await closeDatabase(setup);
for (const server of servers) await server?.stop();

// The verdict, read straight from the database.
const db = openDatabase(database);
const { booking, slot } = schema;
// SQLite's own checks of the file (PostgreSQL checks its pages and enforces foreign keys itself)
const sqlite = dialectOf(db) === 'sqlite';
const integrity = sqlite
	? (await rows<{ integrity_check: string }>(db, sql`pragma integrity_check`))
			.map((row) => row.integrity_check)
			.join('; ')
	: 'not a file (PostgreSQL)';
const integrityOk = !sqlite || integrity === 'ok';
const foreignKeyProblems = sqlite
	? (await rows<unknown>(db, sql`pragma foreign_key_check`)).length
	: 0;
const stillThere = new Map<
	number,
	{ code: string; status: string; slotId: number; userId: number | null }
>();
for (let i = 0; i < acknowledged.length; i += 1000) {
	const ids = acknowledged.slice(i, i + 1000).map((ack) => ack.id);
	for (const row of await db
		.select({
			id: booking.id,
			code: booking.code,
			status: booking.status,
			slotId: booking.slotId,
			userId: booking.userId
		})
		.from(booking)
		.where(inArray(booking.id, ids)))
		stillThere.set(row.id, row);
}
let missing = 0;
for (const ack of acknowledged) {
	const row = stillThere.get(ack.id);
	if (
		!row ||
		row.code !== ack.code ||
		row.status !== 'booked' ||
		row.slotId !== ack.slotId ||
		row.userId !== ack.userId
	)
		missing++;
}
// one id acknowledged twice, or one person booked twice into one slot (the unique index forbids it;
// a retried transaction must not slip past it)
const duplicateAcks = acknowledged.length - new Set(acknowledged.map((ack) => ack.id)).size;
let duplicateRows = 0;
for (let i = 0; i < slotIds.length; i += 500) {
	const twice = await db
		.select({ slotId: booking.slotId, userId: booking.userId, n: count() })
		.from(booking)
		.where(and(inArray(booking.slotId, slotIds.slice(i, i + 500)), ne(booking.status, 'cancelled')))
		.groupBy(booking.slotId, booking.userId)
		.having(gt(count(), 1));
	duplicateRows += twice.length;
}
let overbooked = 0;
let countMismatches = 0;
let stored = 0;
for (const slotId of slotIds) {
	const [{ capacity: places, booked }] = await db
		.select({ capacity: slot.capacity, booked: slot.bookedCount })
		.from(slot)
		.where(eq(slot.id, slotId));
	const [{ n }] = await db
		.select({ n: count() })
		.from(booking)
		.where(and(eq(booking.slotId, slotId), ne(booking.status, 'cancelled')));
	stored += n;
	if (n > places) overbooked++;
	if (n !== booked) countMismatches++;
}
await closeDatabase(db);
removeDatabase(database);
await postgres?.stop();

const statusText = [...byStatus]
	.sort((a, b) => a[0] - b[0])
	.map(([status, n]) => `${status}: ${n}`)
	.join(', ');
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const backend = dialectOfUrl(database) === 'postgres' ? 'PostgreSQL' : 'SQLite';
console.log(`durability (${backend}): ${processes} server processes on one database, ${seconds} s
  SIGKILLs: ${counts.kills} (${kills} rounds), restarts: ${counts.restarts}
  requests: ${counts.requests}; answers by status: ${statusText}
  acknowledged (201): ${counts.created}; in the database afterwards: ${counts.created - missing}; missing: ${missing}
  duplicated: ${duplicateAcks} ids acknowledged twice, ${duplicateRows} person-slot pairs booked twice
  active bookings in the test slots: ${stored} (≥ acknowledged; the rest were cut off before their answer)
  cut off by a kill (connection errors): ${counts.connectionErrors}
  5xx answers: ${counts.serverErrors}; "database is locked" or a PostgreSQL conflict in an answer: ${counts.lockedMessages}
  slots over capacity: ${overbooked} of ${slotIds.length}; booked_count mismatches: ${countMismatches}
  integrity_check: ${integrity}; foreign key violations: ${foreignKeyProblems}`);

const ok =
	missing === 0 &&
	duplicateAcks === 0 &&
	duplicateRows === 0 &&
	overbooked === 0 &&
	countMismatches === 0 &&
	integrityOk &&
	foreignKeyProblems === 0 &&
	counts.serverErrors === 0 &&
	counts.lockedMessages === 0 &&
	counts.created > 0 &&
	counts.kills >= kills;
console.log(ok ? `durability (${backend}): ok` : `durability (${backend}): FAILED`);
process.exit(ok ? 0 : 1);
