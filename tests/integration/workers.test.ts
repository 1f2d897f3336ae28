/**
 * `npm start` with WORKERS=2 (scripts/start.js → scripts/cluster.js): two server processes share the
 * port and the database. Requests are served by both, a burst of bookings for one slot from both never
 * overbooks it, a change made elsewhere is seen by both workers' caches, each booking confirmation
 * reaches the SMS gateway once, /metrics reports both processes
 * (event-loop delay included), a killed worker is replaced, and SIGTERM drains them all.
 */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	copyWithEmptyOutbox,
	createResidents,
	createSlot,
	slotCounts
} from '../support/booking-db';
import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import { closeDatabase, schema, transaction } from '../../src/lib/server/db';
import { removeDatabase, startServer } from '../support/server';
import { scratchDatabaseUrl, testServerDatabaseUrl } from '../support/test-server-db';

const { outbox, servicePoint } = schema;

const sourceFile = testServerDatabaseUrl();
const databaseFile = scratchDatabaseUrl(`workers-${process.env.TEST_PORT}`);
const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;

/** One request on a connection of its own: the cluster's primary hands each connection to a worker in turn. */
function send(
	origin: string,
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const outgoing = request(
			`${origin}${path}`,
			{ method: options.method ?? 'GET', headers: options.headers, agent: false },
			(response) => {
				let body = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (body += chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
			}
		);
		// a connection handed to a worker as it is killed is never answered
		outgoing.setTimeout(10_000, () => outgoing.destroy(new Error(`${path} timed out`)));
		outgoing.on('error', reject);
		outgoing.end(options.body);
	});
}

/** `worker` label → value of one series of a family in the exposition text. */
function byWorker(text: string, family: string, labels = ''): Map<string, number> {
	const values = new Map<string, number>();
	for (const line of text.split('\n')) {
		if (!line.startsWith(`${family}{`) || !line.includes(labels)) continue;
		const worker = /worker="(\d+)"/.exec(line)?.[1];
		if (worker) values.set(worker, Number(line.slice(line.lastIndexOf(' ') + 1)));
	}
	return values;
}

test('WORKERS=2: both processes serve and book one slot without overbooking, each text sent once', async () => {
	test.setTimeout(240_000);
	const db = await copyWithEmptyOutbox(sourceFile, databaseFile);

	// a gateway that counts what it is sent, by the outbox row's idempotency key
	const received: string[] = [];
	const gateway = createServer((incoming, response) => {
		incoming.resume();
		incoming.on('end', () => {
			received.push(String(incoming.headers['idempotency-key']));
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));

	const server = await startServer({
		buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
		database: databaseFile,
		log: `workers-${process.env.TEST_PORT}`,
		workers: 2,
		env: {
			SEED_DEMO: 'false',
			SMS_SENDER: 'http',
			SMS_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
			SMS_GATEWAY_TOKEN: 'secret',
			OUTBOX_POLL_SECONDS: '1'
		}
	});
	let stopped = false;
	try {
		// both workers answer (each connection goes to the next worker)
		for (let i = 0; i < 10; i++) expect((await send(server.origin, '/healthz')).status).toBe(200);
		const metrics = (await send(server.origin, '/metrics')).body;
		const healthz = byWorker(metrics, 'lifecircle_http_requests_total', 'route="/healthz"');
		expect(healthz.size, metrics.slice(0, 2000)).toBe(2);
		for (const n of healthz.values()) expect(n).toBeGreaterThan(0);
		// prom-client's default metrics of both, event-loop delay included
		for (const family of ['nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_seconds'])
			expect(byWorker(metrics, family).size, family).toBe(2);
		const pids = [...healthz.keys()];

		// 60 residents ask for one slot of 5 places at once, half of them through each worker
		const residents = await createResidents(db, 60);
		const slotId = await createSlot(db, 5);
		const answers = await Promise.all(
			residents.map((resident) =>
				send(server.origin, '/api/v1/bookings', {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: resident.cookie },
					body: JSON.stringify({ slotId })
				})
			)
		);
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(5);
		expect(statuses.filter((s) => s === 409)).toHaveLength(55);
		expect(await slotCounts(db, slotId)).toEqual({ activeBookings: 5, bookedCount: 5 });
		const bookingRequests = byWorker(
			(await send(server.origin, '/metrics')).body,
			'lifecircle_http_requests_total',
			'route="/api/v1/bookings"'
		);
		expect(bookingRequests.size).toBe(2);

		// the answers each process caches are keyed by the data version in the database: a change made
		// by another process (here this test's connection) is seen by every worker on its next request
		const layer = async () => {
			const answers = await Promise.all(
				[1, 2, 3, 4].map(() => send(server.origin, '/api/service-points.geojson'))
			);
			expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
			return answers.map((a) => a.body);
		};
		const [point] = await db
			.select({ id: servicePoint.id, name: servicePoint.name })
			.from(servicePoint)
			.where(eq(servicePoint.active, true))
			.orderBy(asc(servicePoint.id))
			.limit(1);
		for (const body of await layer()) expect(body).toContain(point.name);
		const renamed = `${point.name}（新址）`;
		await transaction(db, (tx) =>
			tx.update(servicePoint).set({ name: renamed }).where(eq(servicePoint.id, point.id))
		);
		for (const body of await layer()) expect(body).toContain(renamed);

		// the five confirmations: claimed by two pollers, each delivered exactly once
		const confirmations = () =>
			db
				.select({ id: outbox.id, sentAt: outbox.sentAt, attempts: outbox.attempts })
				.from(outbox)
				.where(
					and(
						eq(outbox.templateId, 'booking_confirmed'),
						or(isNull(outbox.sendAfter), lte(outbox.sendAfter, new Date()))
					)
				)
				.orderBy(asc(outbox.id));
		expect(await confirmations()).toHaveLength(5);
		await expect
			.poll(async () => (await confirmations()).filter((r) => r.sentAt === null).length, {
				timeout: 60_000
			})
			.toBe(0);
		expect([...received].sort()).toEqual(
			(await confirmations()).map((r) => `outbox-${r.id}`).sort()
		);
		for (const row of await confirmations()) expect(row.attempts).toBe(1);

		// a worker that dies is replaced
		process.kill(Number(pids[0]), 'SIGKILL');
		await expect
			.poll(
				async () => {
					// a connection the primary handed to the killed worker is never answered: that try
					// times out, and the next one goes to a living worker
					const metrics = await send(server.origin, '/metrics').catch(() => null);
					if (!metrics) return false;
					const workers = [...byWorker(metrics.body, 'nodejs_eventloop_lag_seconds').keys()];
					return workers.length === 2 && !workers.includes(pids[0]) && workers.includes(pids[1]);
				},
				{ timeout: 60_000, message: 'a new worker in place of the killed one' }
			)
			.toBe(true);

		// SIGTERM drains both workers and the primary exits cleanly
		await server.stop('SIGTERM');
		stopped = true;
		expect(server.child.exitCode).toBe(0);
		for (const pid of pids.slice(1)) expect(() => process.kill(Number(pid), 0)).toThrow();
	} finally {
		if (!stopped) await server.stop();
		await new Promise((resolve) => gateway.close(resolve));
		await closeDatabase(db);
		removeDatabase(databaseFile);
	}
});
