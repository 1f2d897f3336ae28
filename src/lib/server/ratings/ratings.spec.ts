import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookings, setStatus } from '../booking';
import { notification, outbox, rating } from '../db/schema';
import { createFixture, fixtureNow } from '../testing/booking';
import { markFollowedUp, rate, reply } from './ratings';
import { communitiesWithFewRatings, communityTrend, forStaff, pointSummary, staffCounts } from '.';
import { ratingInput } from './schemas';
import { dayMs, hourMs } from '$lib/time';

const now = fixtureNow;

let hoursAgo = 2;
function attendedBooking(
	f: ReturnType<typeof createFixture>,
	forUserId: number,
	byUserId = forUserId
) {
	const slotId = f.addSlot({ startsIn: -(hoursAgo++ % 8) * hourMs - hourMs, capacity: 5 });
	const booked = bookings.book(f.db, { slotId, forUserId, byUserId, now: now - dayMs });
	if (booked.status !== 'ok') throw new Error(booked.status);
	setStatus(f.db, { bookingId: booked.booking.id, status: 'attended', byUserId: f.staffId, now });
	return booked.booking.id;
}

describe('rating an appointment', () => {
	it('is for the person or their carer, once per booking, editable for 7 days', () => {
		const f = createFixture();
		const bookingId = attendedBooking(f, f.elderId, f.carerId);
		const input = { bookingId, stars: 4, tags: ['准时' as const], now };
		expect(rate(f.db, { ...input, byUserId: f.residents[0] }).status).toBe('forbidden');
		expect(rate(f.db, { ...input, byUserId: f.staffId }).status).toBe('forbidden');
		expect(rate(f.db, { ...input, byUserId: f.carerId }).status).toBe('created');
		expect(
			rate(f.db, { ...input, stars: 2, byUserId: f.elderId, now: now + 6 * dayMs }).status
		).toBe('updated');
		expect(f.db.select().from(rating).all()).toHaveLength(1);
		expect(f.db.select().from(rating).get()?.stars).toBe(2);
		expect(rate(f.db, { ...input, byUserId: f.elderId, now: now + 8 * dayMs }).status).toBe(
			'locked'
		);
	});

	it('needs an attended booking', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 3 * hourMs });
		const booked = bookings.book(f.db, { slotId, byUserId: f.residents[0], now });
		const bookingId = booked.status === 'ok' ? booked.booking.id : 0;
		expect(
			rate(f.db, { bookingId, stars: 5, tags: [], byUserId: f.residents[0], now }).status
		).toBe('not_attended');
		expect(
			rate(f.db, { bookingId: 999, stars: 5, tags: [], byUserId: f.residents[0], now }).status
		).toBe('not_found');
	});

	it('validates stars, tags and comment length', () => {
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
	it('answer reaches the person (and the carer who booked) in the portal and by text', () => {
		const f = createFixture();
		const bookingId = attendedBooking(f, f.elderId, f.carerId);
		const created = rate(f.db, { bookingId, stars: 1, tags: ['等待久'], byUserId: f.elderId, now });
		const ratingId = created.status === 'created' ? created.ratingId : 0;
		expect(reply(f.db, { ratingId, reply: '抱歉', byUserId: f.otherStaffId, now }).status).toBe(
			'forbidden'
		);
		expect(
			reply(f.db, { ratingId, reply: '抱歉，已改进排队', byUserId: f.staffId, now }).status
		).toBe('ok');
		const notices = f.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'rating_replied'))
			.all();
		expect(notices.map((n) => n.userId).sort()).toEqual([f.elderId, f.carerId].sort());
		expect(
			f.db
				.select()
				.from(outbox)
				.all()
				.some((o) => o.body.includes('抱歉，已改进排队'))
		).toBe(true);
		expect(markFollowedUp(f.db, { ratingId, byUserId: f.staffId, now }).status).toBe('ok');
	});

	it('lists low unanswered ratings first and highlights those older than 3 days', () => {
		const f = createFixture();
		const low = attendedBooking(f, f.residents[0]);
		const high = attendedBooking(f, f.residents[1]);
		rate(f.db, { bookingId: low, stars: 2, tags: [], byUserId: f.residents[0], now });
		rate(f.db, {
			bookingId: high,
			stars: 5,
			tags: [],
			byUserId: f.residents[1],
			now: now + hourMs
		});
		const codes = ['620201001001'];
		const listed = forStaff(f.db, codes, 'all', now + 4 * dayMs);
		expect(listed.map((r) => [r.stars, r.overdue])).toEqual([
			[2, true],
			[5, false]
		]);
		expect(forStaff(f.db, ['620201001002'], 'all', now)).toHaveLength(0);
		expect(forStaff(f.db, codes, 'low', now)).toHaveLength(1);
		expect(listed[0].phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
		// the console's 今日 shows the new low ones apart: count and list agree
		expect(staffCounts(f.db, codes, now + 4 * dayMs)).toEqual({
			unanswered: 2,
			lowUnanswered: 1,
			overdue: 1
		});
		expect(forStaff(f.db, codes, 'low_unanswered', now).map((r) => r.stars)).toEqual([2]);
		expect(staffCounts(f.db, ['620201001002'], now)).toEqual({
			unanswered: 0,
			lowUnanswered: 0,
			overdue: 0
		});
	});

	it('summarises for residents without names, by category over time, and finds communities with few', () => {
		const f = createFixture();
		const bookingId = attendedBooking(f, f.residents[0]);
		const created = rate(f.db, {
			bookingId,
			stars: 4,
			tags: ['态度好'],
			comment: '很好',
			byUserId: f.residents[0],
			now
		});
		if (created.status !== 'created') throw new Error();
		reply(f.db, { ratingId: created.ratingId, reply: '谢谢', byUserId: f.staffId, now });
		const summary = pointSummary(f.db, f.pointId);
		expect(summary).toMatchObject({ average: 4, count: 1 });
		expect(JSON.stringify(summary)).not.toContain('居民1');
		const trend = communityTrend(f.db, '620201001001', now, 12);
		expect(trend.weeks).toHaveLength(12);
		expect(trend.categories[0].averages.at(-1)).toBe(4);
		expect(communitiesWithFewRatings(f.db, 1, now).map((c) => c.code)).toEqual(['620201001002']);
		expect(communitiesWithFewRatings(f.db, 1, now + 100 * dayMs)).toHaveLength(2);
	});
});
