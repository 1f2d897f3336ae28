import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, gt, gte, isNull, max, sql } from 'drizzle-orm';
import { closeDatabase, openTestDatabase, type Db } from '../db';
import { isDatabaseEmpty, type SeedSummary } from './seed';
import { openDemoDatabase } from '../testing/demo-database';
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
import { demoVolunteerPhone } from './volunteers';
import { volunteerStationRow } from '../planning/volunteer-target';
import { volunteerCoverage } from '../planning/volunteer-coverage';
import { serviceHistory } from '../volunteers/hours';

const now = Date.parse('2026-11-26T02:00:00Z');
let db: Db;
let summary: SeedSummary;

beforeAll(async () => {
	const empty = await openTestDatabase();
	expect(await isDatabaseEmpty(empty)).toBe(true);
	await closeDatabase(empty);
	// a copy of an empty database as seedDemoCity(db, { now }) left it, and what it said
	({ db, summary } = await openDemoDatabase(now));
	// a ceiling, not a wait: seeding takes ~10 s on a quiet machine and several times that when the
	// suite shares two cores with other work
}, 300_000);

describe('the demo city in the database', () => {
	it('holds the generated city and is no longer empty', async () => {
		expect(await isDatabaseEmpty(db)).toBe(false);
		expect((await db.select({ n: count() }).from(community))[0].n).toBe(48);
		expect((await db.select({ n: count() }).from(residence))[0].n).toBe(summary.residences);
		expect(summary.servicePoints).toBeGreaterThanOrEqual(250);
		const [dataset] = await db.select().from(meta).where(eq(meta.key, 'dataset')).limit(1);
		expect(dataset?.value).toBe('demo');
	});

	it('marks everything generated as generated', async () => {
		const [real] = await db
			.select({ n: count() })
			.from(community)
			.where(eq(community.generated, false));
		expect(real.n).toBe(0);
	});

	it('creates the six demo accounts with the demo password, the family link and staff scopes', async () => {
		const accounts = await db
			.select()
			.from(user)
			.where(sql`${user.phone} like '139000000%'`);
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
		const [link] = await db.select().from(familyLink).limit(1);
		expect(link.elderUserId).toBe(elder.id);
		expect(link.confirmedAt).not.toBeNull();
		expect((await db.select({ n: count() }).from(staffScope))[0].n).toBe(2);
	});

	it('materialises slots from today over the booking horizon and a past month', async () => {
		const [future] = await db
			.select({ n: count() })
			.from(slot)
			.where(gte(slot.startsAt, new Date(now)));
		expect(future.n).toBeGreaterThan(1000);
		const [{ last }] = await db.select({ last: max(slot.startsAt) }).from(slot);
		expect(localDate(last!.getTime()) > localDate(now + 12 * 86_400_000)).toBe(true);
	});

	it('never has more bookings in a slot than its capacity, and counts them right', async () => {
		const [over] = await db
			.select({ n: count() })
			.from(slot)
			.where(gt(slot.bookedCount, slot.capacity));
		expect(over.n).toBe(0);
		const [wrong] = await db
			.select({ n: count() })
			.from(slot)
			.where(
				sql`${slot.bookedCount} <> (select count(*) from ${booking} b where b.slot_id = ${slot}.id and b.status <> 'cancelled')`
			);
		expect(wrong.n).toBe(0);
		expect(summary.bookings).toBeGreaterThan(1000);
		expect(summary.ratings).toBeGreaterThan(100);
	});

	it('gives every rating tags, a comment and an answer that fit its category and stars', async () => {
		const rows = await db
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
			.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId));
		expect(rows.length).toBe(summary.ratings);
		for (const row of rows) expectRatingReadsTrue(row);
		// the checks have something to bite on: complaints, praise and comments naming a tag
		expect(rows.some((r) => r.stars <= 2 && r.reply !== null)).toBe(true);
		expect(rows.some((r) => r.stars >= 4 && r.reply !== null)).toBe(true);
		expect(rows.some((r) => r.category === 'childcare')).toBe(true);
		expect(Object.keys(contradictions).length).toBeGreaterThan(0);
	});

	it('lets no generated resident hold more upcoming bookings than the person limit', async () => {
		const held = await db
			.select({ userId: booking.userId, n: count() })
			.from(booking)
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.innerJoin(user, eq(user.id, booking.userId))
			.where(
				and(
					eq(booking.status, 'booked'),
					gt(slot.startsAt, new Date(now)),
					eq(user.generated, true)
				)
			)
			.groupBy(booking.userId);
		expect(held.length).toBeGreaterThan(100);
		expect(Math.max(...held.map((h) => h.n))).toBeLessThanOrEqual(personLimit());
		// the upcoming slots still look booked: the other places went to phone and desk guests
		const [guests] = await db
			.select({ n: count() })
			.from(booking)
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.where(and(isNull(booking.userId), gt(slot.startsAt, new Date(now))));
		expect(guests.n).toBeGreaterThan(1000);
	});
});

describe('志愿服务 in the demo city (issue 19)', () => {
	it('has stations at most service centres, a few dozen volunteers, a month of requests and activities', async () => {
		const { volunteers } = summary;
		expect(volunteers.volunteers).toBeGreaterThanOrEqual(30);
		expect(volunteers.helpRequests).toBeGreaterThanOrEqual(100);
		expect(volunteers.activities).toBeGreaterThanOrEqual(5);
		const codes = (await db.select({ code: community.code }).from(community)).map((c) => c.code);
		const target = await volunteerStationRow(db, codes);
		expect(target.count).toBe(volunteers.stations);
		expect(target.value).toBeGreaterThanOrEqual(0.8);
		const rows = await volunteerCoverage(db, codes, now);
		const answered = rows.reduce((s, r) => s + r.answered, 0);
		const unanswered = rows.reduce((s, r) => s + r.unanswered, 0);
		expect(answered).toBeGreaterThan(unanswered);
		expect(unanswered).toBeGreaterThan(0);
	});

	it('gives the demo volunteer (13900000131, the demo password) hours at 胜利社区', async () => {
		const [account] = await db
			.select({ id: user.id, hash: user.passwordHash })
			.from(user)
			.where(eq(user.phone, demoVolunteerPhone));
		expect(await verifyPassword(account.hash!, demoPassword)).toBe(true);
		const services = await serviceHistory(db, account.id);
		expect(services.length).toBeGreaterThanOrEqual(2);
		expect(services.every((s) => s.stationName === '胜利社区志愿服务站')).toBe(true);
	});
});
