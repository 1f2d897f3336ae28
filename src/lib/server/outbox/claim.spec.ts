import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	closeDatabase,
	dialectOfUrl,
	migrateDatabase,
	openDatabase,
	transaction,
	type Db
} from '../db';
import { outbox } from '../db/schema';
import { claimDue, leaseMs, markFailed, markSent, maxAttempts, retryDelayMs } from './claim';
import { deliverDue, enqueue } from './index';
import type { OutgoingSms, SmsSender } from './senders';

const now = Date.parse('2026-11-26T02:00:00Z');
let dir: string | undefined;
let first: Db;
let second: Db;

/**
 * The database two connections share: a new SQLite file, or with TEST_DATABASE_URL=postgres://… that
 * server's database, emptied of messages first.
 */
const postgresUrl =
	dialectOfUrl(process.env.TEST_DATABASE_URL ?? '') === 'postgres'
		? process.env.TEST_DATABASE_URL
		: undefined;

function sharedUrl(): string {
	if (postgresUrl) return postgresUrl;
	dir = mkdtempSync(join(tmpdir(), 'outbox-claim-'));
	return join(dir, 'outbox.db');
}

/** Two connections to one database, as two server processes (or two app servers) have. */
beforeEach(async () => {
	const url = sharedUrl();
	first = openDatabase(url);
	await migrateDatabase(first);
	await transaction(first, (tx) => tx.delete(outbox));
	second = openDatabase(url);
});

afterEach(async () => {
	await closeDatabase(second);
	await closeDatabase(first);
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

async function queue(
	count: number,
	extra: Partial<typeof outbox.$inferInsert> = {}
): Promise<number[]> {
	return await transaction(first, async (tx) => {
		const ids: number[] = [];
		for (let i = 0; i < count; i++)
			ids.push(
				await enqueue(tx, {
					recipient: `1370000${String(i).padStart(4, '0')}`,
					body: `message ${i}`,
					templateId: 'verification_code',
					templateParams: { code: String(100000 + i), minutes: '10' },
					communityCode: null,
					...extra
				} as Parameters<typeof enqueue>[1])
			);
		return ids;
	});
}

const row = async (id: number) => (await first.select().from(outbox).where(eq(outbox.id, id)))[0];
const everyRow = () => first.select().from(outbox).orderBy(outbox.id);

describe('claiming text messages', () => {
	it('two claimers on one database never get the same row, and together get every due row', async () => {
		const ids = await queue(23);
		const seen: number[][] = [[], []];
		for (let turn = 0; ; turn++) {
			const claimed = await claimDue(turn % 2 ? second : first, { now, limit: 3 });
			if (claimed.length === 0) break;
			seen[turn % 2].push(...claimed.map((m) => m.id));
		}
		expect(seen[0].filter((id) => seen[1].includes(id))).toEqual([]);
		expect([...seen[0], ...seen[1]].sort((a, b) => a - b)).toEqual(ids);
		expect((await everyRow()).every((r) => r.attempts === 1)).toBe(true);
	});

	// SQLite's writers take turns within one process (a second connection's BEGIN would block the
	// event loop the first needs to finish); on PostgreSQL two servers really claim at the same moment
	it.runIf(postgresUrl)('two claimers at the same moment never get the same row', async () => {
		const ids = await queue(40);
		const seen: number[] = [];
		for (;;) {
			const both = await Promise.all([
				claimDue(first, { now, limit: 3 }),
				claimDue(second, { now, limit: 3 })
			]);
			const claimed = both.flat().map((m) => m.id);
			if (claimed.length === 0) break;
			seen.push(...claimed);
		}
		expect(seen.sort((a, b) => a - b)).toEqual(ids);
		expect((await everyRow()).every((r) => r.attempts === 1)).toBe(true);
	});

	it('a lease keeps a row from others until it expires, then it is claimed again', async () => {
		const [id] = await queue(1);
		expect((await claimDue(first, { now, limit: 10 })).map((m) => m.id)).toEqual([id]);
		expect(await claimDue(second, { now: now + leaseMs - 1, limit: 10 })).toEqual([]);
		const again = await claimDue(second, { now: now + leaseMs, limit: 10 });
		expect(again.map((m) => m.id)).toEqual([id]);
		expect(again[0].attempts).toBe(2);
	});

	it('skips sent, scheduled-later and other-channel rows; `ids` narrows the claim', async () => {
		const [sent, later, , wanted] = await queue(4);
		await markSent(first, sent, now);
		// written by the other connection
		await transaction(second, async (tx) => {
			await tx
				.update(outbox)
				.set({ sendAfter: new Date(now + 1) })
				.where(eq(outbox.id, later));
			await tx.insert(outbox).values({ channel: 'wechat', recipient: 'x', body: 'y' });
		});
		expect(
			(await claimDue(first, { now, limit: 10, ids: [sent, later, wanted] })).map((m) => m.id)
		).toEqual([wanted]);
		expect((await claimDue(first, { now, limit: 10 })).map((m) => m.channel)).toEqual(['sms']);
		expect((await claimDue(first, { now: now + 1, limit: 10 })).map((m) => m.id)).toEqual([later]);
	});

	it('a failure backs off (doubling from the poll interval), and the last allowed attempt gives up', async () => {
		const [id] = await queue(1);
		const pollMs = 1000;
		let at = now;
		for (let attempt = 1; attempt <= maxAttempts; attempt++) {
			const [message] = await claimDue(first, { now: at, limit: 1 });
			expect(message.attempts).toBe(attempt);
			const givenUp = await markFailed(first, message, 'gateway answered 500', at, pollMs);
			expect(givenUp).toBe(attempt === maxAttempts);
			if (givenUp) break;
			const retryAt = at + retryDelayMs(attempt, pollMs);
			expect(retryDelayMs(attempt, pollMs)).toBe(pollMs * 2 ** (attempt - 1));
			expect(await claimDue(second, { now: retryAt - 1, limit: 1 })).toEqual([]);
			at = retryAt;
		}
		expect(await row(id)).toMatchObject({
			failedAt: new Date(at),
			sentAt: null,
			lastError: 'gateway answered 500'
		});
		expect(await claimDue(first, { now: at + 86_400_000, limit: 1 })).toEqual([]);
	});
});

describe('delivering', () => {
	/** A slow gateway that records what it accepted and refuses the first attempt of some messages. */
	function slowGateway(refuseFirst: (m: OutgoingSms) => boolean = () => false) {
		const accepted: OutgoingSms[] = [];
		const tried = new Set<number>();
		const sender: SmsSender = {
			name: 'test',
			async send(message) {
				await new Promise((resolve) => setTimeout(resolve, 5));
				const first = !tried.has(message.id);
				tried.add(message.id);
				if (first && refuseFirst(message)) throw new Error('gateway answered 500');
				accepted.push(message);
			}
		};
		return { sender, accepted };
	}

	it('passes running at the same time send every message exactly once, with its template', async () => {
		const ids = await queue(17);
		const gateway = slowGateway();
		const counts = await Promise.all(
			[1, 2, 3].map(() => deliverDue(first, { now, sender: gateway.sender }))
		);
		expect(counts.reduce((a, b) => a + b)).toBe(17);
		expect(gateway.accepted.map((m) => m.id).sort((a, b) => a - b)).toEqual(ids);
		expect(gateway.accepted[0]).toMatchObject({
			templateId: 'verification_code',
			templateParams: { code: expect.stringMatching(/^\d{6}$/), minutes: '10' }
		});
		expect((await everyRow()).every((r) => r.sentAt && !r.claimedUntil)).toBe(true);
	});

	it('a refused message stays queued for a retry after the back-off, then is sent once', async () => {
		const [refused, fine] = await queue(2);
		const gateway = slowGateway((m) => m.id === refused);
		expect(await deliverDue(first, { now, sender: gateway.sender })).toBe(1);
		expect(await row(refused)).toMatchObject({
			sentAt: null,
			attempts: 1,
			lastError: 'gateway answered 500'
		});
		// not before its back-off (claimed_until), then once
		expect(await deliverDue(first, { now, sender: gateway.sender })).toBe(0);
		const retryAt = (await row(refused)).claimedUntil!.getTime();
		expect(await deliverDue(first, { now: retryAt, sender: gateway.sender })).toBe(1);
		expect(gateway.accepted.map((m) => m.id)).toEqual([fine, refused]);
		expect(await row(refused)).toMatchObject({ attempts: 2, lastError: null, claimedUntil: null });
	});
});
