import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, count, eq, lte, sql } from 'drizzle-orm';
import {
	changedRows,
	closeDatabase,
	databaseUrlOf,
	dialectOf,
	exec,
	migrateDatabase,
	migrationsFolderOf,
	openDatabase,
	openTestDatabase,
	readSnapshot,
	resetIdentities,
	rows,
	startupLock,
	transaction,
	type Db
} from '.';
import {
	booking,
	community,
	meta,
	rateLimit,
	rating,
	serviceCategory,
	servicePoint,
	servicePointRating,
	slot,
	street,
	user
} from './schema';
import { postgresRetries, retryBudget } from './postgres';
import { DatabaseBusyError } from './busy';
import { prepared } from './prepared';

// The data layer's promises, on whichever database the run uses (SQLite in memory, or with
// TEST_DATABASE_URL=postgres://… a real PostgreSQL): transactions are atomic read-check-writes that
// lose nothing under concurrency, join when given a transaction, roll back on an error; values come
// back as the same JS types; migrations and the triggers of both dialects do the same.

let db: Db;

beforeEach(async () => {
	db = await openTestDatabase();
});

afterEach(async () => {
	await closeDatabase(db);
});

const counterKey = 'spec-counter';

async function counter(on: Db): Promise<number> {
	const [row] = await on.select().from(rateLimit).where(eq(rateLimit.key, counterKey));
	return row.count;
}

describe('transaction()', () => {
	beforeEach(async () => {
		await transaction(db, async (tx) => {
			await tx.insert(rateLimit).values({ key: counterKey, count: 0, resetAt: new Date(0) });
		});
	});

	it('loses no increment of 200 concurrent read-then-write transactions from two servers', async () => {
		// two app servers: on PostgreSQL a second pool to the same database (SQLite in memory has one)
		const url = databaseUrlOf(db);
		const second = url ? openDatabase(url) : db;
		// read, then write what was read plus one: without isolation two of them read the same value
		// and one increment is lost; PostgreSQL refuses one of such a pair and it is run again
		const increment = (i: number) =>
			transaction(i % 2 ? second : db, async (tx) => {
				const seen = await counter(tx);
				await tx
					.update(rateLimit)
					.set({ count: seen + 1 })
					.where(eq(rateLimit.key, counterKey));
			});
		const retriesBefore = postgresRetries.count;
		try {
			await Promise.all(Array.from({ length: 200 }, (_, i) => increment(i)));
		} finally {
			if (second !== db) await closeDatabase(second);
		}
		expect(await counter(db)).toBe(200);
		// on PostgreSQL some did collide and were run again (SQLite runs them one at a time)
		if (dialectOf(db) === 'postgres') expect(postgresRetries.count).toBeGreaterThan(retriesBefore);
	});

	it('counts the rows a write changed (changedRows, exec) alike', async () => {
		const changed = await transaction(db, async (tx) => [
			changedRows(
				await tx.update(rateLimit).set({ count: 1 }).where(eq(rateLimit.key, counterKey))
			),
			changedRows(await tx.update(rateLimit).set({ count: 1 }).where(eq(rateLimit.key, 'none'))),
			await exec(tx, sql`update ${rateLimit} set ${sql.identifier('count')} = 2`)
		]);
		expect(changed).toEqual([1, 0, 1]);
	});

	it('rolls back everything on an error and passes the error on', async () => {
		await expect(
			transaction(db, async (tx) => {
				await tx.update(rateLimit).set({ count: 7 }).where(eq(rateLimit.key, counterKey));
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		expect(await counter(db)).toBe(0);
	});

	it('joins the open transaction when given one (its writes are seen, and undone with it)', async () => {
		await expect(
			transaction(db, async (tx) => {
				await transaction(tx, async (inner) => {
					await inner.update(rateLimit).set({ count: 5 }).where(eq(rateLimit.key, counterKey));
				});
				expect(await counter(tx)).toBe(5);
				throw new Error('undo');
			})
		).rejects.toThrow('undo');
		expect(await counter(db)).toBe(0);
	});

	it('runs prepared statements with placeholders, times bound as epoch milliseconds', async () => {
		const statement = prepared(db, 'spec-counter-due', ($) =>
			db
				.select({ count: rateLimit.count })
				.from(rateLimit)
				.where(and(eq(rateLimit.key, $.key), lte(rateLimit.resetAt, $.now)))
		);
		expect(await statement.execute({ key: counterKey, now: Date.now() })).toEqual([{ count: 0 }]);
		expect(await statement.execute({ key: counterKey, now: -1 })).toEqual([]);
		// kept under its name: the same statement again
		expect(prepared(db, 'spec-counter-due', () => undefined as never)).toBe(statement);
	});

	it('reads one snapshot in readSnapshot()', async () => {
		const seen = await readSnapshot(db, async (tx) => [await counter(tx), await counter(tx)]);
		expect(seen).toEqual([0, 0]);
	});
});

/** A service point with one slot, a person and a booking of theirs (ids 1). */
async function bookedSlot(): Promise<void> {
	await transaction(db, async (tx) => {
		await tx
			.insert(street)
			.values({ code: '620201001', name: '雄关街道', kind: '街道', urban: true });
		await tx.insert(community).values({
			code: '620201001002',
			name: '胜利社区',
			kind: '社区',
			streetCode: '620201001',
			centreLng: 98.28,
			centreLat: 39.78,
			address: 'x',
			phone: '0937-6200000'
		});
		await tx.insert(serviceCategory).values({
			code: 'meal',
			nameZh: '助餐',
			nameEn: 'Meals',
			tierMinutes: 5,
			bookable: true,
			colour: '#000000',
			icon: 'm'
		});
		await tx.insert(servicePoint).values({
			name: '胜利社区老年助餐点',
			categoryCode: 'meal',
			communityCode: '620201001002',
			lng: 98.28,
			lat: 39.78,
			address: 'x',
			phone: '0937-6200001'
		});
		await tx.insert(slot).values({
			servicePointId: 1,
			startsAt: new Date(1_800_000_000_000),
			endsAt: new Date(1_800_001_800_000),
			capacity: 2
		});
		await tx.insert(user).values({ phone: '13900000001', name: 'A', elderMode: true });
		await tx.insert(booking).values({ slotId: 1, userId: 1, channel: 'online', code: 'AAAAAA' });
	});
}

describe('values', () => {
	it('come back as the same JS types on both databases', async () => {
		await bookedSlot();
		const [row] = await db.select().from(user).where(eq(user.id, 1));
		expect(row.elderMode).toBe(true);
		expect(row.generated).toBe(false);
		expect(row.createdAt).toBeInstanceOf(Date);
		// created now by the database's default, in epoch milliseconds
		expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
		const [when] = await db.select().from(slot);
		expect(when.startsAt).toEqual(new Date(1_800_000_000_000));
		// raw SQL on times is arithmetic on epoch milliseconds on both
		const [raw] = await rows<{ minutes: number; n: number }>(
			db,
			sql`select (${slot.endsAt} - ${slot.startsAt}) / 60000 as minutes, count(*) as n from ${slot} group by ${slot.endsAt}, ${slot.startsAt}`
		);
		expect(Number(raw.minutes)).toBe(30);
		expect(raw.n).toBe(1);
		const [{ n }] = await db.select({ n: count() }).from(booking);
		expect(n).toBe(1);
	});

	it('identities continue after rows inserted with explicit ids (resetIdentities)', async () => {
		await transaction(db, async (tx) => {
			await tx.insert(user).values({ id: 41, phone: '13900000041', name: 'x' });
			await resetIdentities(tx);
		});
		const [next] = await transaction(db, (tx) =>
			tx.insert(user).values({ phone: '13900000042', name: 'y' }).returning({ id: user.id })
		);
		expect(next.id).toBe(42);
	});
});

describe('the triggers of the migrations', () => {
	it('move the public data version on every write to the public tables', async () => {
		const version = async () =>
			Number((await db.select().from(meta).where(eq(meta.key, 'public_data_version')))[0].value);
		const before = await version();
		await bookedSlot();
		// a street, a community, a category and a service point: one each
		expect(await version()).toBe(before + 4);
		await transaction(db, (tx) =>
			exec(tx, sql`update ${servicePoint} set ${sql.identifier('name')} = 'y'`)
		);
		expect(await version()).toBe(before + 5);
	});

	it('keep the rating totals of each service point', async () => {
		await bookedSlot();
		await transaction(db, (tx) => tx.insert(rating).values({ bookingId: 1, stars: 5 }));
		const totals = async () =>
			(
				await db.select().from(servicePointRating).where(eq(servicePointRating.servicePointId, 1))
			)[0];
		expect(await totals()).toMatchObject({ ratings: 1, starSum: 5, version: 1 });
		// a JSON column's default and values, as the code wrote them (SQLite text, PostgreSQL jsonb)
		expect((await db.select().from(rating))[0].tags).toEqual([]);
		await transaction(db, (tx) => tx.update(rating).set({ tags: ['态度好', '准时'] }));
		expect((await db.select().from(rating))[0].tags).toEqual(['态度好', '准时']);
		await transaction(db, (tx) => tx.update(rating).set({ stars: 3 }));
		// an update takes the old rating away and adds the new one: the version moves twice
		expect(await totals()).toMatchObject({ ratings: 1, starSum: 3, version: 5 });
		await transaction(db, (tx) => tx.delete(rating));
		expect(await totals()).toMatchObject({ ratings: 0, starSum: 0, version: 6 });
	});
});

describe('migrations', () => {
	it('apply again without error (nothing to do)', async () => {
		await migrateDatabase(db);
		await migrateDatabase(db);
		const [{ n }] = await db.select({ n: count() }).from(user);
		expect(n).toBe(0);
	});
});

const postgresUrl = process.env.TEST_DATABASE_URL?.startsWith('postgres')
	? process.env.TEST_DATABASE_URL
	: undefined;

describe('startupLock()', () => {
	it('lets one start-up run at a time (on SQLite: at once, the cluster orders them)', async () => {
		const url = databaseUrlOf(db);
		const servers = url ? [db, openDatabase(url, 2)] : [db, db];
		const events: string[] = [];
		try {
			await Promise.all(
				servers.map((server, i) =>
					startupLock(server, async () => {
						events.push(`start ${i}`);
						await rows(server, sql`select 1`);
						await new Promise((resolve) => setTimeout(resolve, 50));
						events.push(`end ${i}`);
					})
				)
			);
		} finally {
			if (servers[1] !== db) await closeDatabase(servers[1]);
		}
		if (dialectOf(db) === 'postgres') {
			// one after the other, whichever came first
			expect(events[0].replace('start', 'end')).toBe(events[1]);
		} else expect(events).toHaveLength(4);
	});
});

describe.runIf(postgresUrl)('on PostgreSQL', () => {
	it('gives up with DatabaseBusyError (a 503) when refused for the whole retry budget', async () => {
		const budget = retryBudget.ms;
		retryBudget.ms = 200;
		let runs = 0;
		try {
			await expect(
				transaction(db, async () => {
					runs++;
					throw Object.assign(new Error('could not serialize access'), { code: '40001' });
				})
			).rejects.toBeInstanceOf(DatabaseBusyError);
		} finally {
			retryBudget.ms = budget;
		}
		expect(runs).toBeGreaterThan(1);
	});

	it('two processes starting at once migrate one after the other (advisory lock)', async () => {
		expect(dialectOf(db)).toBe('postgres');
		const name = `lifecircle_migrate_${process.pid}_${Date.now()}`;
		const admin = new pg.Client({ connectionString: postgresUrl });
		await admin.connect();
		await admin.query(`create database "${name}"`);
		const url = new URL(postgresUrl!);
		url.pathname = `/${name}`;
		const servers = [openDatabase(url.toString(), 2), openDatabase(url.toString(), 2)];
		try {
			// without the lock both would create the same tables and one would fail
			await Promise.all(servers.map((server) => migrateDatabase(server)));
			const [{ n }] = await rows<{ n: number }>(
				servers[0],
				sql`select count(*) as n from drizzle.__drizzle_migrations`
			);
			// each migration recorded once
			const journal = JSON.parse(
				readFileSync(join(migrationsFolderOf('postgres'), 'meta/_journal.json'), 'utf8')
			) as { entries: unknown[] };
			expect(n).toBe(journal.entries.length);
		} finally {
			for (const server of servers) await closeDatabase(server);
			await admin.query(`drop database "${name}" with (force)`);
			await admin.end();
		}
	});
});
