import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, getDb, migrateDatabase, openDatabase, type Db } from '../db';
import { outbox } from '../db/schema';
import { claimDue, leaseMs, markFailed, markSent, maxAttempts, retryDelayMs } from './claim';
import { deliverDue, enqueue } from './index';
import type { OutgoingSms, SmsSender } from './senders';

const now = Date.parse('2026-11-26T02:00:00Z');
let dir: string;
let first: Db;
let second: Db;

/** Two connections to one database file, as two server processes have. */
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'outbox-claim-'));
	process.env.DATABASE_URL = join(dir, 'outbox.db');
	closeDb();
	first = getDb();
	migrateDatabase(first);
	second = openDatabase(process.env.DATABASE_URL);
});

afterEach(() => {
	second.$client.close();
	closeDb();
	rmSync(dir, { recursive: true, force: true });
});

function queue(count: number, extra: Partial<typeof outbox.$inferInsert> = {}): number[] {
	return Array.from({ length: count }, (_, i) =>
		enqueue(first, {
			recipient: `1370000${String(i).padStart(4, '0')}`,
			body: `message ${i}`,
			templateId: 'verification_code',
			templateParams: { code: String(100000 + i), minutes: '10' },
			communityCode: null,
			...extra
		} as Parameters<typeof enqueue>[1])
	);
}

const row = (id: number) =>
	first
		.select()
		.from(outbox)
		.all()
		.find((r) => r.id === id)!;

describe('claiming text messages', () => {
	it('two claimers on one database never get the same row, and together get every due row', () => {
		const ids = queue(23);
		const seen: number[][] = [[], []];
		for (let turn = 0; ; turn++) {
			const claimed = claimDue(turn % 2 ? second : first, { now, limit: 3 });
			if (claimed.length === 0) break;
			seen[turn % 2].push(...claimed.map((m) => m.id));
		}
		expect(seen[0].filter((id) => seen[1].includes(id))).toEqual([]);
		expect([...seen[0], ...seen[1]].sort((a, b) => a - b)).toEqual(ids);
		expect(
			first
				.select()
				.from(outbox)
				.all()
				.every((r) => r.attempts === 1)
		).toBe(true);
	});

	it('a lease keeps a row from others until it expires, then it is claimed again', () => {
		const [id] = queue(1);
		expect(claimDue(first, { now, limit: 10 }).map((m) => m.id)).toEqual([id]);
		expect(claimDue(second, { now: now + leaseMs - 1, limit: 10 })).toEqual([]);
		const again = claimDue(second, { now: now + leaseMs, limit: 10 });
		expect(again.map((m) => m.id)).toEqual([id]);
		expect(again[0].attempts).toBe(2);
	});

	it('skips sent, scheduled-later and other-channel rows; `ids` narrows the claim', () => {
		const [sent, later, , wanted] = queue(4);
		markSent(first, sent, now);
		second.$client.prepare('update outbox set send_after = ? where id = ?').run(now + 1, later);
		second.$client
			.prepare("insert into outbox (channel, recipient, body) values ('wechat', 'x', 'y')")
			.run();
		expect(
			claimDue(first, { now, limit: 10, ids: [sent, later, wanted] }).map((m) => m.id)
		).toEqual([wanted]);
		expect(claimDue(first, { now, limit: 10 }).map((m) => m.channel)).toEqual(['sms']);
		expect(claimDue(first, { now: now + 1, limit: 10 }).map((m) => m.id)).toEqual([later]);
	});

	it('a failure backs off (doubling from the poll interval), and the last allowed attempt gives up', () => {
		const [id] = queue(1);
		const pollMs = 1000;
		let at = now;
		for (let attempt = 1; attempt <= maxAttempts; attempt++) {
			const [message] = claimDue(first, { now: at, limit: 1 });
			expect(message.attempts).toBe(attempt);
			const givenUp = markFailed(first, message, 'gateway answered 500', at, pollMs);
			expect(givenUp).toBe(attempt === maxAttempts);
			if (givenUp) break;
			const retryAt = at + retryDelayMs(attempt, pollMs);
			expect(retryDelayMs(attempt, pollMs)).toBe(pollMs * 2 ** (attempt - 1));
			expect(claimDue(second, { now: retryAt - 1, limit: 1 })).toEqual([]);
			at = retryAt;
		}
		expect(row(id)).toMatchObject({
			failedAt: new Date(at),
			sentAt: null,
			lastError: 'gateway answered 500'
		});
		expect(claimDue(first, { now: at + 86_400_000, limit: 1 })).toEqual([]);
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
		const ids = queue(17);
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
		expect(
			first
				.select()
				.from(outbox)
				.all()
				.every((r) => r.sentAt && !r.claimedUntil)
		).toBe(true);
	});

	it('a refused message stays queued for a retry after the back-off, then is sent once', async () => {
		const [refused, fine] = queue(2);
		const gateway = slowGateway((m) => m.id === refused);
		expect(await deliverDue(first, { now, sender: gateway.sender })).toBe(1);
		expect(row(refused)).toMatchObject({
			sentAt: null,
			attempts: 1,
			lastError: 'gateway answered 500'
		});
		// not before its back-off (claimed_until), then once
		expect(await deliverDue(first, { now, sender: gateway.sender })).toBe(0);
		const retryAt = row(refused).claimedUntil!.getTime();
		expect(await deliverDue(first, { now: retryAt, sender: gateway.sender })).toBe(1);
		expect(gateway.accepted.map((m) => m.id)).toEqual([fine, refused]);
		expect(row(refused)).toMatchObject({ attempts: 2, lastError: null, claimedUntil: null });
	});
});
