import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookings, setStatus } from '../booking';
import { notification, outbox, rating } from '../db/schema';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { markFollowedUp, rate, reply } from './ratings';
import { communitiesWithFewRatings, communityTrend, forStaff, pointSummary, staffCounts } from '.';
import { ratingInput } from './schemas';
import { dayMs, hourMs } from '$lib/time';

const now = fixtureNow;

let hoursAgo = 2;
async function attendedBooking(f: Fixture, forUserId: number, byUserId = forUserId) {
	const slotId = await f.addSlot({ startsIn: -(hoursAgo++ % 8) * hourMs - hourMs, capacity: 5 });
	const booked = await bookings.book(f.db, { slotId, forUserId, byUserId, now: now - dayMs });
	if (booked.status !== 'ok') throw new Error(booked.status);
	await setStatus(f.db, {
		bookingId: booked.booking.id,
		status: 'attended',
		byUserId: f.staffId,
		now
	});
	return booked.booking.id;
}

describe('rating an appointment', () => {
	it('is for the person or their carer, once per booking, editable for 7 days', async () => {
		const f = await createFixture();
		const bookingId = await attendedBooking(f, f.elderId, f.carerId);
		const input = { bookingId, stars: 4, tags: ['准时' as const], now };
		expect((await rate(f.db, { ...input, byUserId: f.residents[0] })).status).toBe('forbidden');
		expect((await rate(f.db, { ...input, byUserId: f.staffId })).status).toBe('forbidden');
		expect((await rate(f.db, { ...input, byUserId: f.carerId })).status).toBe('created');
		expect(
			(await rate(f.db, { ...input, stars: 2, byUserId: f.elderId, now: now + 6 * dayMs })).status
		).toBe('updated');
		expect(await f.db.select().from(rating)).toHaveLength(1);
		expect((await f.db.select().from(rating))[0]?.stars).toBe(2);
		expect((await rate(f.db, { ...input, byUserId: f.elderId, now: now + 8 * dayMs })).status).toBe(
			'locked'
		);
	});

	it('needs an attended booking', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 3 * hourMs });
		const booked = await bookings.book(f.db, { slotId, byUserId: f.residents[0], now });
		const bookingId = booked.status === 'ok' ? booked.booking.id : 0;
		expect(
			(await rate(f.db, { bookingId, stars: 5, tags: [], byUserId: f.residents[0], now })).status
		).toBe('not_attended');
		expect(
			(await rate(f.db, { bookingId: 999, stars: 5, tags: [], byUserId: f.residents[0], now }))
				.status
		).toBe('not_found');
	});

	it('validates stars, tags and comment length', async () => {
		expect(ratingInput.safeParse({ stars: '0' }).success).toBe(false);
		expect(ratingInput.safeParse({ stars: 6 }).success).toBe(false);
		expect(ratingInput.safeParse({ stars: 3, tags: ['好极了'] }).success).toBe(false);
		expect(ratingInput.safeParse({ stars: 3, comment: '长'.repeat(1001) }).success).toBe(false);
		expect(ratingInput.parse({ stars: '5', tags: '准时' })).toMatchObject({
			stars: 5,
			tags: ['准时']
		});
	});
});

describe('staff and ratings', () => {
	it('answer reaches the person (and the carer who booked) in the portal and by text', async () => {
		const f = await createFixture();
		const bookingId = await attendedBooking(f, f.elderId, f.carerId);
		const created = await rate(f.db, {
			bookingId,
			stars: 1,
			tags: ['等待久'],
			byUserId: f.elderId,
			now
		});
		const ratingId = created.status === 'created' ? created.ratingId : 0;
		expect(
			(await reply(f.db, { ratingId, reply: '抱歉', byUserId: f.otherStaffId, now })).status
		).toBe('forbidden');
		expect(
			(await reply(f.db, { ratingId, reply: '抱歉，已改进排队', byUserId: f.staffId, now })).status
		).toBe('ok');
		const notices = await f.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'rating_replied'));
		expect(notices.map((n) => n.userId).sort()).toEqual([f.elderId, f.carerId].sort());
		expect(
			(await f.db.select().from(outbox)).some((o) => o.body.includes('抱歉，已改进排队'))
		).toBe(true);
		expect((await markFollowedUp(f.db, { ratingId, byUserId: f.staffId, now })).status).toBe('ok');
	});

	it('lists low unanswered ratings first and highlights those older than 3 days', async () => {
		const f = await createFixture();
		const low = await attendedBooking(f, f.residents[0]);
		const high = await attendedBooking(f, f.residents[1]);
		await rate(f.db, { bookingId: low, stars: 2, tags: [], byUserId: f.residents[0], now });
		await rate(f.db, {
			bookingId: high,
			stars: 5,
			tags: [],
			byUserId: f.residents[1],
			now: now + hourMs
		});
		const codes = ['620201001001'];
		const listed = await forStaff(f.db, codes, 'all', now + 4 * dayMs);
		expect(listed.map((r) => [r.stars, r.overdue])).toEqual([
			[2, true],
			[5, false]
		]);
		expect(await forStaff(f.db, ['620201001002'], 'all', now)).toHaveLength(0);
		expect(await forStaff(f.db, codes, 'low', now)).toHaveLength(1);
		expect(listed[0].phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
		// the console's 今日 shows the new low ones apart: count and list agree
		expect(await staffCounts(f.db, codes, now + 4 * dayMs)).toEqual({
			unanswered: 2,
			lowUnanswered: 1,
			overdue: 1
		});
		expect((await forStaff(f.db, codes, 'low_unanswered', now)).map((r) => r.stars)).toEqual([2]);
		expect(await staffCounts(f.db, ['620201001002'], now)).toEqual({
			unanswered: 0,
			lowUnanswered: 0,
			overdue: 0
		});
	});

	it('summarises for residents without names, by category over time, and finds communities with few', async () => {
		const f = await createFixture();
		const bookingId = await attendedBooking(f, f.residents[0]);
		const created = await rate(f.db, {
			bookingId,
			stars: 4,
			tags: ['态度好'],
			comment: '很好',
			byUserId: f.residents[0],
			now
		});
		if (created.status !== 'created') throw new Error();
		await reply(f.db, { ratingId: created.ratingId, reply: '谢谢', byUserId: f.staffId, now });
		const summary = await pointSummary(f.db, f.pointId);
		expect(summary).toMatchObject({ average: 4, count: 1 });
		expect(JSON.stringify(summary)).not.toContain('居民1');
		const trend = await communityTrend(f.db, '620201001001', now, 12);
		expect(trend.weeks).toHaveLength(12);
		expect(trend.categories[0].averages.at(-1)).toBe(4);
		expect((await communitiesWithFewRatings(f.db, 1, now)).map((c) => c.code)).toEqual([
			'620201001002'
		]);
		expect(await communitiesWithFewRatings(f.db, 1, now + 100 * dayMs)).toHaveLength(2);
	});
});
