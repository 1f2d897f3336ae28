/**
 * `npx tsx scripts/bench/book-direct.ts [bookings] [--postgres]`: book() called directly, without HTTP,
 * on a freshly seeded demo city in a temporary file (WAL, as the server opens it), or with --postgres in
 * a fresh database on a throw-away PostgreSQL cluster (or POSTGRES_URL's server: tests/load/postgres.ts). Prints the milliseconds per
 * booking over `bookings` (2,000 by default) online bookings of different residents into a few slots,
 * after a short warm-up: the cost of a booking's own queries (checks, insert, notices, outbox, audit),
 * on the wall clock and in CPU time.
 * Run it on two commits in the same session, interleaved, to compare them.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { seedDemoCity } from '../../src/lib/server/demo/seed';
import { book } from '../../src/lib/server/booking/book';
import { createResidents, createSlot } from '../../tests/support/booking-db';
import { loadPostgres } from '../../tests/load/postgres';

const onPostgres = process.argv.includes('--postgres');
const bookings = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 2000);
const warmUp = 200;
const slots = 4;

const file = join(tmpdir(), `lifecircle-book-direct-${process.pid}.db`);
const removeFiles = () => {
	for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};
removeFiles();
const postgres = onPostgres ? await loadPostgres() : undefined;
const db = openDatabase(postgres ? await postgres.database('lifecircle_book_direct') : file);
try {
	await migrateDatabase(db);
	await seedDemoCity(db);
	const people = (await createResidents(db, warmUp + bookings)).map((r) => r.id);
	const slotIds: number[] = [];
	for (let i = 0; i < slots; i++)
		slotIds.push(await createSlot(db, Math.ceil((warmUp + bookings) / slots)));
	const statuses = new Map<string, number>();
	// one after another, as before: the figure is one booking's own cost, not a queue's
	const run = async (from: number, to: number) => {
		for (let i = from; i < to; i++) {
			const result = await book(db, { slotId: slotIds[i % slots], byUserId: people[i] });
			statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
		}
	};
	await run(0, warmUp);
	const started = performance.now();
	const cpuStarted = process.cpuUsage();
	await run(warmUp, warmUp + bookings);
	const ms = performance.now() - started;
	// this process's CPU time: less sensitive than the wall clock to other processes on a shared machine
	const cpu = process.cpuUsage(cpuStarted);
	const cpuMs = (cpu.user + cpu.system) / 1000;
	const outcome = [...statuses].map(([status, n]) => `${status} ${n}`).join(', ');
	console.log(
		`${onPostgres ? 'PostgreSQL' : 'SQLite'} book(): ${(ms / bookings).toFixed(3)} ms per booking (CPU ${(cpuMs / bookings).toFixed(3)} ms), ` +
			`${Math.round((bookings / ms) * 1000)}/s ` +
			`(${bookings} bookings after ${warmUp} warm-up; ${outcome})`
	);
} finally {
	await closeDatabase(db);
	removeFiles();
	await postgres?.stop();
}
