/**
 * Booking throughput over HTTP (DESIGN.md "Performance"): POST /api/v1/bookings at 50 concurrent clients
 * against the built server on a temporary database, beside /healthz (a bare JSON endpoint) measured in the
 * same run as the baseline; afterwards every slot is checked for overbooking.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResidents, createSlot, slotCounts } from '../../tests/support/booking-db';
import { closeDatabase, openDatabase } from '../../src/lib/server/db';
import { record } from './harness';

const connections = 50;
const residents = 3000;
const slots = 5;
/** fewer places than requests, so that "full" answers are part of the load and overbooking could show */
const capacity = 2400;

/** A port nobody listens on (other benchmarks and test servers may share the machine). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

async function waitFor(url: string, timeoutMs: number) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const ok = await fetch(url)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`server did not answer ${url}`);
}

export async function benchmarkBooking(): Promise<void> {
	if (!existsSync('build/index.js')) throw new Error('build first: npx vite build');
	const port = await freePort();
	const origin = `http://localhost:${port}`;
	const database = join(tmpdir(), `lifecircle-bench-${process.pid}.db`);
	// BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=…' profiles the server under load
	const nodeArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
	const server = spawn(process.execPath, [...nodeArgs, 'build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			DATABASE_URL: database,
			DEMO_ACCOUNTS: 'false',
			OUTBOX_POLL_SECONDS: '3600'
		},
		stdio: 'ignore'
	});
	try {
		await waitFor(`${origin}/healthz`, 120_000);
		const db = openDatabase(database);
		const people = await createResidents(db, residents);
		const slotIds: number[] = [];
		for (let i = 0; i < slots; i++) slotIds.push(await createSlot(db, capacity));

		const baseline = await autocannon({ url: `${origin}/healthz`, connections, duration: 5 });
		let next = 0;
		const run = await autocannon({
			url: origin,
			connections,
			amount: residents * slots,
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
		const seconds = run.duration;
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
		const createdPerSecond = created / seconds;
		record(
			'/healthz (baseline)',
			`${healthz.toFixed(0)} req/s`,
			'',
			`p99 ${baseline.latency.p99} ms`
		);
		record(
			'POST /api/v1/bookings',
			`${bookingRps.toFixed(0)} req/s`,
			'',
			`p99 ${run.latency.p99} ms, ${run['2xx']} booked, ${full} full (409), other ${run.non2xx - full}, errors ${run.errors}`
		);
		record(
			'bookings created',
			`${createdPerSecond.toFixed(0)} /s`,
			'≥ 1000 /s',
			`${created} in ${seconds.toFixed(1)} s`
		);
		record('booking ÷ healthz', `${((bookingRps / healthz) * 100).toFixed(0)} %`);
		record(
			'overbooked slots',
			String(overbooked),
			'0',
			`${active} active = ${slots} × ${capacity} places; bookedCount mismatches: ${inconsistent}`
		);
		if (active !== created) throw new Error(`created ${created} but ${active} bookings are active`);
	} finally {
		server.kill('SIGTERM');
		await new Promise((resolve) => setTimeout(resolve, 3000));
		for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
	}
}
