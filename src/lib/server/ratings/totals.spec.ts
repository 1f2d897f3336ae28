import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { bookings, setStatus } from '../booking';
import { deleteAccount } from '../accounts/deletion';
import { booking, rating, servicePointRating, slot } from '../db/schema';
import { createFixture, fixtureNow } from '../testing/booking';
import { markFollowedUp, rate, reply } from './ratings';
import { pointRecount, pointSummary, pointTotals } from './summary';
import { seededRandom } from '$lib/seeded-random';
import { dayMs, hourMs } from '$lib/time';

const now = fixtureNow;
const tagChoices = ['准时', '态度好', '等待久'] as const;

/** The public summary counted straight from the ratings, as it was before the running totals. */
function directSummary(f: ReturnType<typeof createFixture>, pointId: number) {
	const { ratings, starSum } = pointRecount(f.db, pointId);
	return {
		count: ratings,
		average: ratings > 0 ? Math.round((starSum / ratings) * 10) / 10 : null
	};
}

describe('running totals of ratings per service point', () => {
	it('equal a recount after any sequence of ratings, edits, answers, deletions, account deletions and moves', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const random = seededRandom(seed);
			const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
			const f = createFixture(8);
			const points = [f.pointId, f.otherPointId];
			const staffOf = new Map([
				[f.pointId, f.staffId],
				[f.otherPointId, f.otherStaffId]
			]);
			const rated: { bookingId: number; ratingId: number; byUserId: number; pointId: number }[] =
				[];
			const deleted = new Set<number>();
			let hour = 1;
			for (let step = 0; step < 60; step++) {
				const action = random();
				const alive = f.residents.filter((id) => !deleted.has(id));
				if (action < 0.4 && alive.length > 0) {
					// a new rating of an attended appointment
					const pointId = pick(points);
					const byUserId = pick(alive);
					const startsIn = -hour++ * hourMs;
					const slotId = f.addSlot({ startsIn, capacity: 20, pointId });
					const booked = bookings.book(f.db, { slotId, byUserId, now: now + startsIn - dayMs });
					if (booked.status !== 'ok') throw new Error(booked.status);
					setStatus(f.db, {
						bookingId: booked.booking.id,
						status: 'attended',
						byUserId: staffOf.get(pointId)!,
						now
					});
					const result = rate(f.db, {
						bookingId: booked.booking.id,
						stars: 1 + Math.floor(random() * 5),
						tags: [pick(tagChoices)],
						comment: random() < 0.6 ? `第${step}条` : undefined,
						byUserId,
						now: now + step * hourMs
					});
					if (result.status !== 'created') throw new Error(result.status);
					rated.push({
						bookingId: booked.booking.id,
						ratingId: result.ratingId,
						byUserId,
						pointId
					});
				} else if (action < 0.6 && rated.length > 0) {
					// the person changes their stars (within 7 days)
					const r = pick(rated);
					if (!deleted.has(r.byUserId))
						rate(f.db, {
							bookingId: r.bookingId,
							stars: 1 + Math.floor(random() * 5),
							tags: [],
							byUserId: r.byUserId,
							now: now + step * hourMs
						});
				} else if (action < 0.75 && rated.length > 0) {
					const r = pick(rated);
					reply(f.db, {
						ratingId: r.ratingId,
						reply: `答复${step}`,
						byUserId: staffOf.get(r.pointId)!,
						now: now + step * hourMs
					});
					if (random() < 0.5)
						markFollowedUp(f.db, { ratingId: r.ratingId, byUserId: staffOf.get(r.pointId)!, now });
				} else if (action < 0.85 && rated.length > 0) {
					// a rating removed (no page does this; an administrator's SQL or an import might)
					const r = rated.splice(Math.floor(random() * rated.length), 1)[0];
					f.db.delete(rating).where(eq(rating.id, r.ratingId)).run();
				} else if (action < 0.9 && alive.length > 1) {
					const userId = pick(alive);
					deleteAccount(f.db, userId, new Date(now));
					deleted.add(userId);
				} else if (rated.length > 0) {
					const r = pick(rated);
					const other = points.find((p) => p !== r.pointId)!;
					if (random() < 0.5) {
						// a booking moved to a slot of the other point: its rating moves with it
						const slotId = f.addSlot({ startsIn: -hour++ * hourMs, capacity: 20, pointId: other });
						f.db.update(booking).set({ slotId }).where(eq(booking.id, r.bookingId)).run();
					} else {
						// its slot given to the other point (each slot here has one booking)
						const { slotId } = f.db
							.select({ slotId: booking.slotId })
							.from(booking)
							.where(eq(booking.id, r.bookingId))
							.get()!;
						f.db.update(slot).set({ servicePointId: other }).where(eq(slot.id, slotId)).run();
					}
					r.pointId = other;
				}
				for (const pointId of points) {
					const { ratings, starSum } = pointTotals(f.db, pointId);
					expect({ ratings, starSum }, `seed ${seed}, step ${step}`).toEqual(
						pointRecount(f.db, pointId)
					);
					expect(pointSummary(f.db, pointId)).toMatchObject(directSummary(f, pointId));
				}
			}
			expect(rated.length).toBeGreaterThan(0);
		}
	});

	it('show a new answer at once: the cached comments follow the version', () => {
		const f = createFixture(2);
		const slotId = f.addSlot({ startsIn: -hourMs, capacity: 5 });
		const booked = bookings.book(f.db, { slotId, byUserId: f.residents[0], now: now - dayMs });
		if (booked.status !== 'ok') throw new Error(booked.status);
		setStatus(f.db, { bookingId: booked.booking.id, status: 'attended', byUserId: f.staffId, now });
		const created = rate(f.db, {
			bookingId: booked.booking.id,
			stars: 3,
			tags: [],
			comment: '饭菜偏咸',
			byUserId: f.residents[0],
			now
		});
		if (created.status !== 'created') throw new Error(created.status);
		expect(pointSummary(f.db, f.pointId).answered).toEqual([]);
		reply(f.db, { ratingId: created.ratingId, reply: '已调整', byUserId: f.staffId, now });
		expect(pointSummary(f.db, f.pointId).answered.map((a) => a.reply)).toEqual(['已调整']);
		reply(f.db, { ratingId: created.ratingId, reply: '已少放盐', byUserId: f.staffId, now });
		expect(pointSummary(f.db, f.pointId).answered.map((a) => a.reply)).toEqual(['已少放盐']);
	});

	it('are backfilled by the migration from the ratings already given', () => {
		const f = createFixture(3);
		for (const [i, stars] of [5, 2, 4].entries()) {
			const slotId = f.addSlot({ startsIn: -(i + 1) * hourMs, capacity: 5 });
			const byUserId = f.residents[i];
			const booked = bookings.book(f.db, { slotId, byUserId, now: now - dayMs });
			if (booked.status !== 'ok') throw new Error(booked.status);
			setStatus(f.db, {
				bookingId: booked.booking.id,
				status: 'attended',
				byUserId: f.staffId,
				now
			});
			rate(f.db, { bookingId: booked.booking.id, stars, tags: [], byUserId, now });
		}
		f.db.delete(servicePointRating).run();
		const backfill = readFileSync('drizzle/0006_rating_running_totals.sql', 'utf8')
			.split('--> statement-breakpoint')
			.find((statement) => statement.includes('GROUP BY'))!;
		f.db.$client.exec(backfill);
		expect(pointTotals(f.db, f.pointId)).toMatchObject({ ratings: 3, starSum: 11 });
		expect(pointSummary(f.db, f.pointId)).toMatchObject({ count: 3, average: 3.7 });
		expect(pointTotals(f.db, f.otherPointId)).toMatchObject({ ratings: 0, starSum: 0 });
	});
});
