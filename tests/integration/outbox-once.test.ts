/**
 * Each text message is sent exactly once, however many senders race for it: two server processes on one
 * database, each polling every second, and registration's inline send, all deliver to a slow fake gateway
 * (300 ms a message). Some messages are refused on their first attempt: they are retried and then
 * delivered once.
 */
import { expect, test } from '@playwright/test';
import { asc, isNull, lte, or } from 'drizzle-orm';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { closeDatabase, schema, type Db } from '../../src/lib/server/db';
import { copyWithEmptyOutbox, createResidents, createSlot } from '../support/booking-db';
import { removeDatabase, startServer, type RunningServer } from '../support/server';
import { scratchDatabaseUrl, testServerDatabaseUrl } from '../support/test-server-db';
import { randomPhone } from './accounts-helpers';

const sourceFile = testServerDatabaseUrl();
const databaseFile = scratchDatabaseUrl(`outbox-once-${process.env.TEST_PORT}`);
const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;
const token = 'gateway-secret';

interface Received {
	key: string;
	to: string;
	text: string;
	template: string;
	params: Record<string, string>;
}

/** A slow SMS gateway on loopback: records what it accepts, refuses the first attempt for some numbers. */
async function fakeGateway(refuseFirstTo: Set<string>) {
	const accepted: Received[] = [];
	const refused: string[] = [];
	let inFlight = 0;
	const read = (request: IncomingMessage) =>
		new Promise<string>((resolve) => {
			let text = '';
			request.on('data', (chunk) => (text += chunk));
			request.on('end', () => resolve(text));
		});
	const server: Server = createServer(async (request, response) => {
		inFlight++;
		response.on('finish', () => inFlight--);
		const body = JSON.parse(await read(request)) as Omit<Received, 'key'>;
		const key = String(request.headers['idempotency-key']);
		await new Promise((resolve) => setTimeout(resolve, 300));
		if (request.headers.authorization !== `Bearer ${token}`) {
			response.writeHead(401).end();
			return;
		}
		if (refuseFirstTo.has(body.to) && !refused.includes(key)) {
			refused.push(key);
			response.writeHead(500).end();
			return;
		}
		accepted.push({ key, ...body });
		response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/sms`,
		accepted,
		refused,
		inFlight: () => inFlight,
		close: () => new Promise((resolve) => server.close(resolve))
	};
}

const { outbox } = schema;

/** The outbox rows due now, in id order. */
function dueRows(db: Db) {
	return db
		.select({
			id: outbox.id,
			recipient: outbox.recipient,
			sentAt: outbox.sentAt,
			failedAt: outbox.failedAt,
			attempts: outbox.attempts,
			templateId: outbox.templateId
		})
		.from(outbox)
		.where(or(isNull(outbox.sendAfter), lte(outbox.sendAfter, new Date())))
		.orderBy(asc(outbox.id));
}

test('two server processes and inline sends deliver every text message exactly once, retrying refusals', async () => {
	test.setTimeout(240_000);
	const db = await copyWithEmptyOutbox(sourceFile, databaseFile);

	const phones = Array.from({ length: 8 }, () => randomPhone());
	const refuseFirstTo = new Set(phones.slice(0, 3));
	const gateway = await fakeGateway(refuseFirstTo);
	const servers: RunningServer[] = [];
	try {
		for (const name of ['a', 'b']) {
			servers.push(
				await startServer({
					buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
					database: databaseFile,
					log: `outbox-once-${name}`,
					env: {
						SEED_DEMO: 'false',
						SMS_SENDER: 'http',
						SMS_GATEWAY_URL: gateway.url,
						SMS_GATEWAY_TOKEN: token,
						OUTBOX_POLL_SECONDS: '1',
						CODE_LIMIT_PER_IP: '100000'
					}
				})
			);
		}
		const origin = (i: number) => servers[i % 2].origin;

		// 8 verification codes (each sent inline by the server that took the request, racing both pollers)
		// and 8 booking confirmations (left to the pollers), all at once on both servers
		const residents = await createResidents(db, 8);
		const slotId = await createSlot(db, 20);
		const registrations = phones.map((phone, i) =>
			fetch(`${origin(i)}/api/v1/auth/register`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					name: '测试居民',
					phone,
					password: 'walk-to-the-clinic',
					communityCode: '620201001002',
					consent: true
				})
			}).then((r) => r.status)
		);
		const bookings = residents.map((resident, i) =>
			fetch(`${origin(i + 1)}/api/v1/bookings`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: resident.cookie },
				body: JSON.stringify({ slotId })
			}).then(async (r) => ({ status: r.status, body: await r.json() }))
		);
		expect(await Promise.all(registrations)).toEqual(phones.map(() => 202));
		const booked = await Promise.all(bookings);
		expect(booked.map((b) => b.status)).toEqual(residents.map(() => 201));

		const due = await dueRows(db);
		expect(due.filter((r) => r.templateId === 'verification_code')).toHaveLength(8);
		expect(due.filter((r) => r.templateId === 'booking_confirmed')).toHaveLength(8);
		// every due row marked sent, and no request still at the gateway (a duplicate would be counted)
		await expect
			.poll(
				async () => ({
					unsent: (await dueRows(db)).filter((r) => r.sentAt === null).length,
					inFlight: gateway.inFlight()
				}),
				{ timeout: 120_000, message: 'every due message sent' }
			)
			.toEqual({ unsent: 0, inFlight: 0 });
		const rows = await dueRows(db);

		// exactly once: one accepted request per outbox row, and one per row the gateway saw
		const keys = gateway.accepted.map((m) => m.key).sort();
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).toEqual(rows.map((r) => `outbox-${r.id}`).sort());
		// the refused ones were tried twice (refused, then accepted), everything else once
		expect(gateway.refused).toHaveLength(3);
		for (const row of rows) {
			expect(row.failedAt).toBeNull();
			expect(row.attempts, `attempts of ${row.templateId}`).toBe(
				refuseFirstTo.has(row.recipient) ? 2 : 1
			);
		}
		// the template id and its values travel with the text
		for (const message of gateway.accepted) {
			if (message.template === 'verification_code')
				expect(message.text).toContain(message.params.code);
			else {
				expect(message.template).toBe('booking_confirmed');
				expect(booked.map((b) => b.body.booking.code)).toContain(message.params.code);
				expect(message.text).toContain(message.params.code);
			}
		}
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
		await gateway.close();
		await closeDatabase(db);
		removeDatabase(databaseFile);
	}
});
