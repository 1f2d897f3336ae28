import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../db';
import { isDatabaseEmpty, seedDemoCity, type SeedSummary } from './seed';
import {
	booking,
	community,
	familyLink,
	meta,
	rating,
	residence,
	servicePoint,
	slot,
	staffScope,
	user
} from '../db/schema';
import { personLimit } from '../booking';
import { contradictions, expectRatingReadsTrue } from './rating-checks';
import { verifyPassword } from '../auth/password';
import { demoPassword } from '../accounts/demo';
import { localDate } from '$lib/time';

const now = Date.parse('2026-11-26T02:00:00Z');
let db: Db;
let summary: SeedSummary;

beforeAll(async () => {
	db = openDatabase(':memory:');
	migrateDatabase(db);
	expect(isDatabaseEmpty(db)).toBe(true);
	summary = await seedDemoCity(db, { now });
	// a ceiling, not a wait: seeding takes ~10 s on a quiet machine and several times that when the
	// suite shares two cores with other work
}, 180_000);

describe('the demo city in the database', () => {
	it('holds the generated city and is no longer empty', () => {
		expect(isDatabaseEmpty(db)).toBe(false);
		expect(db.select({ n: count() }).from(community).get()?.n).toBe(48);
		expect(db.select({ n: count() }).from(residence).get()?.n).toBe(summary.residences);
		expect(summary.servicePoints).toBeGreaterThanOrEqual(250);
		expect(db.select().from(meta).where(eq(meta.key, 'dataset')).get()?.value).toBe('demo');
	});

	it('marks everything generated as generated', () => {
		const real = db
			.select({ n: count() })
			.from(community)
			.where(eq(community.generated, false))
			.get();
		expect(real?.n).toBe(0);
	});

	it('creates the six demo accounts with the demo password, the family link and staff scopes', async () => {
		const accounts = db
			.select()
			.from(user)
			.where(sql`${user.phone} like '139000000%'`)
			.all();
		expect(accounts.map((a) => a.phone).sort()).toEqual([
			'13900000001',
			'13900000002',
			'13900000003',
			'13900000011',
			'13900000012',
			'13900000099'
		]);
		const elder = accounts.find((a) => a.phone === '13900000002')!;
		expect(elder.elderMode).toBe(true);
		expect(new Date(now).getUTCFullYear() - elder.birthYear!).toBe(78);
		expect(await verifyPassword(elder.passwordHash!, demoPassword)).toBe(true);
		expect(accounts.find((a) => a.phone === '13900000099')?.role).toBe('admin');
		const link = db.select().from(familyLink).get()!;
		expect(link.elderUserId).toBe(elder.id);
		expect(link.confirmedAt).not.toBeNull();
		expect(db.select({ n: count() }).from(staffScope).get()?.n).toBe(2);
	});

	it('materialises slots from today over the booking horizon and a past month', () => {
		const future = db
			.select({ n: count() })
			.from(slot)
			.where(sql`${slot.startsAt} >= ${now}`)
			.get();
		expect(future?.n).toBeGreaterThan(1000);
		const last = db
			.select({ last: sql<number>`max(${slot.startsAt})` })
			.from(slot)
			.get()!;
		expect(localDate(last.last) > localDate(now + 12 * 86_400_000)).toBe(true);
	});

	it('never has more bookings in a slot than its capacity, and counts them right', () => {
		const over = db
			.select({ n: count() })
			.from(slot)
			.where(sql`${slot.bookedCount} > ${slot.capacity}`)
			.get();
		expect(over?.n).toBe(0);
		const wrong = db
			.select({ n: count() })
			.from(slot)
			.where(
				sql`${slot.bookedCount} <> (select count(*) from ${booking} b where b.slot_id = ${slot}.id and b.status <> 'cancelled')`
			)
			.get();
		expect(wrong?.n).toBe(0);
		expect(summary.bookings).toBeGreaterThan(1000);
		expect(summary.ratings).toBeGreaterThan(100);
	});

	it('gives every rating tags, a comment and an answer that fit its category and stars', () => {
		const rows = db
			.select({
				category: servicePoint.categoryCode,
				stars: rating.stars,
				tags: rating.tags,
				comment: rating.comment,
				reply: rating.reply
			})
			.from(rating)
			.innerJoin(booking, eq(booking.id, rating.bookingId))
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
			.all();
		expect(rows.length).toBe(summary.ratings);
		for (const row of rows) expectRatingReadsTrue(row);
		// the checks have something to bite on: complaints, praise and comments naming a tag
		expect(rows.some((r) => r.stars <= 2 && r.reply !== null)).toBe(true);
		expect(rows.some((r) => r.stars >= 4 && r.reply !== null)).toBe(true);
		expect(rows.some((r) => r.category === 'childcare')).toBe(true);
		expect(Object.keys(contradictions).length).toBeGreaterThan(0);
	});

	it('lets no generated resident hold more upcoming bookings than the person limit', () => {
		const held = db
			.select({ userId: booking.userId, n: count() })
			.from(booking)
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.innerJoin(user, eq(user.id, booking.userId))
			.where(
				sql`${booking.status} = 'booked' and ${slot.startsAt} > ${now} and ${user.generated} = 1`
			)
			.groupBy(booking.userId)
			.all();
		expect(held.length).toBeGreaterThan(100);
		expect(Math.max(...held.map((h) => h.n))).toBeLessThanOrEqual(personLimit());
		// the upcoming slots still look booked: the other places went to phone and desk guests
		const guests = db
			.select({ n: count() })
			.from(booking)
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.where(sql`${booking.userId} is null and ${slot.startsAt} > ${now}`)
			.get()!.n;
		expect(guests).toBeGreaterThan(1000);
	});
});
