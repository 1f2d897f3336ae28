import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, like, sql } from 'drizzle-orm';
import {
	closeDatabase,
	dialectOf,
	exec,
	migrateDatabase,
	openDatabase,
	openTestDatabase,
	transaction,
	type Db
} from '.';
import { rateLimit } from './schema';

// Transactions asked for in the same turn of the event loop (a busy server's requests) are committed
// together on SQLite (sqlite.ts, group commit), each in its own savepoint. Seen from the callers they
// are still separate transactions, one after the other: each sees the ones before it, fails alone,
// and returns only once its writes are committed. The same promises hold on PostgreSQL.

let db: Db;

beforeEach(async () => {
	db = await openTestDatabase();
	await transaction(db, async (tx) => {
		await tx.insert(rateLimit).values({ key: 'group', count: 0, resetAt: new Date(0) });
	});
});

afterEach(async () => {
	await closeDatabase(db);
});

async function counter(on: Db): Promise<number> {
	const [row] = await on.select().from(rateLimit).where(eq(rateLimit.key, 'group'));
	return row.count;
}

/** read, write what was read plus one and a row of its own: returns what it wrote */
async function increment(tx: Db, i: number): Promise<number> {
	const seen = await counter(tx);
	await tx
		.update(rateLimit)
		.set({ count: seen + 1 })
		.where(eq(rateLimit.key, 'group'));
	await tx.insert(rateLimit).values({ key: `group-${i}`, count: i, resetAt: new Date(0) });
	return seen + 1;
}

async function ownRows(on: Db): Promise<string[]> {
	const found = await on
		.select({ key: rateLimit.key })
		.from(rateLimit)
		.where(like(rateLimit.key, 'group-%'));
	return found.map((r) => r.key).sort();
}

describe('transactions asked for together', () => {
	it('run one after the other: each sees the writes of those before it', async () => {
		const written = await Promise.all(
			Array.from({ length: 40 }, (_, i) => transaction(db, (tx) => increment(tx, i)))
		);
		expect([...written].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		expect(await counter(db)).toBe(40);
	});

	it('fail alone: a failing one is undone, the others beside it are committed', async () => {
		const outcomes = await Promise.allSettled(
			Array.from({ length: 10 }, (_, i) =>
				transaction(db, async (tx) => {
					const wrote = await increment(tx, i);
					if (i % 3 === 1) throw new Error(`refused ${i}`);
					return wrote;
				})
			)
		);
		const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
		expect(refused).toEqual([1, 4, 7]);
		for (const i of refused)
			expect((outcomes[i] as PromiseRejectedResult).reason.message).toBe(`refused ${i}`);
		expect(await counter(db)).toBe(7);
		expect(await ownRows(db)).toEqual([0, 2, 3, 5, 6, 8, 9].map((i) => `group-${i}`).sort());
		// what the committed ones returned is what they wrote: 1…7, the refused ones' values reused
		const values = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
		expect(values.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});

	it('a constraint violation undoes only its own transaction', async () => {
		const outcomes = await Promise.allSettled([
			transaction(db, (tx) => increment(tx, 1)),
			// the same key again: a primary key violation
			transaction(db, (tx) => increment(tx, 1)),
			transaction(db, (tx) => increment(tx, 2))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await counter(db)).toBe(2);
		expect(await ownRows(db)).toEqual(['group-1', 'group-2']);
	});

	it("runs under a test's fake timers", async () => {
		vi.useFakeTimers();
		try {
			expect(await transaction(db, (tx) => increment(tx, 1))).toBe(1);
		} finally {
			vi.useRealTimers();
		}
	});

	it('a transaction joined by another given its tx is still one', async () => {
		const outcomes = await Promise.allSettled([
			transaction(db, (tx) => increment(tx, 1)),
			transaction(db, async (tx) => {
				await transaction(tx, (inner) => increment(inner, 2));
				throw new Error('undo both');
			}),
			transaction(db, (tx) => increment(tx, 3))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await ownRows(db)).toEqual(['group-1', 'group-3']);
	});
});

describe('on a SQLite file (reads on their own connection)', () => {
	let file: Db;
	const path = join(tmpdir(), `lifecircle-group-commit-${process.pid}.db`);
	const remove = () => {
		for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
	};

	beforeEach(async (context) => {
		if (dialectOf(db) !== 'sqlite') context.skip();
		remove();
		file = openDatabase(path);
		await migrateDatabase(file);
		await transaction(file, async (tx) => {
			await tx.insert(rateLimit).values({ key: 'group', count: 0, resetAt: new Date(0) });
		});
	});

	afterEach(async () => {
		if (file) await closeDatabase(file);
		file = undefined as unknown as Db;
		remove();
	});

	it('answers each only once its writes are committed (seen by the reading connection)', async () => {
		const seenAfter = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				transaction(file, (tx) => increment(tx, i)).then(async (wrote) => {
					const [row] = await file
						.select({ n: count() })
						.from(rateLimit)
						.where(eq(rateLimit.key, `group-${i}`));
					return { wrote, committed: row.n, counter: await counter(file) };
				})
			)
		);
		for (const seen of seenAfter) {
			expect(seen.committed).toBe(1);
			expect(seen.counter).toBeGreaterThanOrEqual(seen.wrote);
		}
		expect(await counter(file)).toBe(20);
	});

	it('runs the others again when SQLite has undone the whole transaction', async () => {
		let runs = 0;
		const outcomes = await Promise.allSettled([
			transaction(file, async (tx) => {
				runs++;
				return increment(tx, 1);
			}),
			transaction(file, async (tx) => {
				await increment(tx, 2);
				// as SQLite does on a full disk or an I/O error: the whole transaction is gone
				await exec(tx, sql`rollback`);
				throw new Error('lost');
			}),
			transaction(file, (tx) => increment(tx, 3))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		// the first one's writes were undone with the group's transaction: it ran again, once
		expect(runs).toBe(2);
		expect(await counter(file)).toBe(2);
		expect(await ownRows(file)).toEqual(['group-1', 'group-3']);
	});
});
