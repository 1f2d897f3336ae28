/**
 * Booking throughput over HTTP (DESIGN.md "Performance"): POST /api/v1/bookings at 50 concurrent clients
 * for BENCH_BOOKING_SECONDS (15) against the built server on a temporary database, beside /healthz (a
 * bare JSON endpoint) measured in the same run as the baseline; afterwards every slot is checked for
 * overbooking and its count against its rows. `benchmarkBookingOn({ backend: 'postgres', workers: 2 })`
 * runs it on a fresh database of a throw-away PostgreSQL cluster (tests/load/postgres.ts) with two app
 * server processes (scripts/start.js, WORKERS); each call returns its created/s for same-run ratios.
 */
import autocannon from 'autocannon';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResidents, createSlot, slotCounts } from '../../tests/support/booking-db';
import { startServer } from '../../tests/support/server';
import { loadPostgres, type LoadPostgres } from '../../tests/load/postgres';
import { closeDatabase, openDatabase } from '../../src/lib/server/db';
import { record } from './harness';

const connections = 50;
const residents = 3000;
const slots = 5;
/** fewer places than requests, so that "full" answers are part of the load and overbooking could show */
const capacity = 2400;
const seconds = Number(process.env.BENCH_BOOKING_SECONDS) || 15;

export interface BookingOptions {
	backend?: 'sqlite' | 'postgres';
	workers?: number;
	/** the PostgreSQL server to make the database on (one is started, and stopped after, without it) */
	postgres?: LoadPostgres;
}

/** `npm run bench`'s section: SQLite, one process. */
export async function benchmarkBooking(): Promise<void> {
	await benchmarkBookingOn();
}

export async function benchmarkBookingOn(options: BookingOptions = {}): Promise<number> {
	const { backend = 'sqlite', workers = 1 } = options;
	if (!existsSync('build/index.js')) throw new Error('build first: npx vite build');
	const label = `${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${workers} process${workers > 1 ? 'es' : ''}`;
	const ownPostgres =
		backend === 'postgres' && !options.postgres ? await loadPostgres() : undefined;
	const postgres = options.postgres ?? ownPostgres;
	const database = postgres
		? await postgres.database(`lifecircle_bench_${workers}`)
		: join(tmpdir(), `lifecircle-bench-${process.pid}.db`);
	// BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=…' profiles the server under load
	const nodeArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
	const server = await startServer({
		buildDir: 'build',
		database,
		nodeArgs,
		workers,
		// seeding the demo city into PostgreSQL takes over a minute on a busy machine
		healthTimeoutMs: postgres ? 300_000 : undefined
	});
	try {
		const db = openDatabase(database);
		const people = await createResidents(db, residents);
		const slotIds: number[] = [];
		for (let i = 0; i < slots; i++) slotIds.push(await createSlot(db, capacity));

		const baseline = await autocannon({
			url: `${server.origin}/healthz`,
			connections,
			duration: 5
		});
		let next = 0;
		const run = await autocannon({
			url: server.origin,
			connections,
			duration: seconds,
			timeout: 30,
			requests: [
				{
					method: 'POST',
					path: '/api/v1/bookings',
					setupRequest: (request) => {
						const k = next++;
						const person = people[k % residents];
						const slotId = slotIds[Math.floor(k / residents) % slots];
						return {
							...request,
							headers: { 'content-type': 'application/json', cookie: person.cookie },
							body: JSON.stringify({ slotId })
						};
					}
				}
			]
		});
		const full = run.statusCodeStats?.['409']?.count ?? 0;
		const created = run['2xx'];
		let overbooked = 0;
		let inconsistent = 0;
		let active = 0;
		for (const slotId of slotIds) {
			const counts = await slotCounts(db, slotId);
			active += counts.activeBookings;
			if (counts.activeBookings > capacity) overbooked++;
			if (counts.bookedCount !== counts.activeBookings) inconsistent++;
		}
		await closeDatabase(db);

		const healthz = baseline.requests.average;
		const bookingRps = run.requests.average;
		const createdPerSecond = created / run.duration;
		record(
			`/healthz (baseline; ${label})`,
			`${healthz.toFixed(0)} req/s`,
			'',
			`p99 ${baseline.latency.p99} ms`
		);
		record(
			`POST /api/v1/bookings (${label})`,
			`${bookingRps.toFixed(0)} req/s`,
			'',
			`p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, ${created} booked, ${full} full (409), ` +
				`other ${run.non2xx - full} (5xx ${run['5xx']}), errors ${run.errors}`
		);
		record(
			`bookings created (${label})`,
			`${createdPerSecond.toFixed(0)} /s`,
			'≥ 1000 /s',
			`${created} in ${run.duration.toFixed(1)} s`
		);
		record(`booking ÷ healthz (${label})`, `${((bookingRps / healthz) * 100).toFixed(0)} %`);
		record(
			`overbooked slots (${label})`,
			String(overbooked),
			'0',
			`${active} active in ${slots} slots of ${capacity} places; bookedCount mismatches: ${inconsistent}`
		);
		// requests still open when the time is up may be booked without being counted: one per connection
		if (overbooked > 0 || inconsistent > 0 || active < created || active > created + connections)
			throw new Error(
				`${label}: ${created} acknowledged, ${active} active, ${overbooked} overbooked, ${inconsistent} mismatched`
			);
		return createdPerSecond;
	} finally {
		await server.stop();
		for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
		await ownPostgres?.stop();
	}
}
