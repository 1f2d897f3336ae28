import { describe, expect, it } from 'vitest';
import { dialectOfUrl, exec, sql, transaction } from '../db';
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { bookings, setStatus } from '../booking';
import { deleteAccount } from '../accounts/deletion';
import { booking, rating, servicePointRating, slot } from '../db/schema';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { markFollowedUp, rate, reply } from './ratings';
import { pointRecount, pointSummary, pointTotals } from './summary';
import { seededRandom } from '$lib/seeded-random';
import { dayMs, hourMs } from '$lib/time';

const now = fixtureNow;
/** the test database's backend (TEST_DATABASE_URL=postgres://… in the PostgreSQL runs) */
const onSqlite = dialectOfUrl(process.env.TEST_DATABASE_URL ?? ':memory:') === 'sqlite';
const tagChoices = ['准时', '态度好', '等待久'] as const;

/** The public summary counted straight from the ratings, as it was before the running totals. */
async function directSummary(f: Fixture, pointId: number) {
	const { ratings, starSum } = await pointRecount(f.db, pointId);
	return {
		count: ratings,
		average: ratings > 0 ? Math.round((starSum / ratings) * 10) / 10 : null
	};
}

describe('running totals of ratings per service point', () => {
	it('equal a recount after any sequence of ratings, edits, answers, deletions, account deletions and moves', async () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const random = seededRandom(seed);
			const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
			const f = await createFixture(8);
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
					const slotId = await f.addSlot({ startsIn, capacity: 20, pointId });
					const booked = await bookings.book(f.db, {
						slotId,
						byUserId,
						now: now + startsIn - dayMs
					});
					if (booked.status !== 'ok') throw new Error(booked.status);
					await setStatus(f.db, {
						bookingId: booked.booking.id,
						status: 'attended',
						byUserId: staffOf.get(pointId)!,
						now
					});
					const result = await rate(f.db, {
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
						await rate(f.db, {
							bookingId: r.bookingId,
							stars: 1 + Math.floor(random() * 5),
							tags: [],
							byUserId: r.byUserId,
							now: now + step * hourMs
						});
				} else if (action < 0.75 && rated.length > 0) {
					const r = pick(rated);
					await reply(f.db, {
						ratingId: r.ratingId,
						reply: `答复${step}`,
						byUserId: staffOf.get(r.pointId)!,
						now: now + step * hourMs
					});
					if (random() < 0.5)
						await markFollowedUp(f.db, {
							ratingId: r.ratingId,
							byUserId: staffOf.get(r.pointId)!,
							now
						});
				} else if (action < 0.85 && rated.length > 0) {
					// a rating removed (no page does this; an administrator's SQL or an import might)
					const r = rated.splice(Math.floor(random() * rated.length), 1)[0];
					await transaction(f.db, async (tx) => {
						await tx.delete(rating).where(eq(rating.id, r.ratingId));
					});
				} else if (action < 0.9 && alive.length > 1) {
					const userId = pick(alive);
					await deleteAccount(f.db, userId, new Date(now));
					deleted.add(userId);
				} else if (rated.length > 0) {
					const r = pick(rated);
					const other = points.find((p) => p !== r.pointId)!;
					if (random() < 0.5) {
						// a booking moved to a slot of the other point: its rating moves with it
						const slotId = await f.addSlot({
							startsIn: -hour++ * hourMs,
							capacity: 20,
							pointId: other
						});
						await transaction(f.db, async (tx) => {
							await tx.update(booking).set({ slotId }).where(eq(booking.id, r.bookingId));
						});
					} else {
						// its slot given to the other point (each slot here has one booking)
						const { slotId } = (
							await f.db
								.select({ slotId: booking.slotId })
								.from(booking)
								.where(eq(booking.id, r.bookingId))
						)[0]!;
						await transaction(f.db, async (tx) => {
							await tx.update(slot).set({ servicePointId: other }).where(eq(slot.id, slotId));
						});
					}
					r.pointId = other;
				}
				for (const pointId of points) {
					const { ratings, starSum } = await pointTotals(f.db, pointId);
					expect({ ratings, starSum }, `seed ${seed}, step ${step}`).toEqual(
						await pointRecount(f.db, pointId)
					);
					expect(await pointSummary(f.db, pointId)).toMatchObject(await directSummary(f, pointId));
				}
			}
			expect(rated.length).toBeGreaterThan(0);
		}
	});

	it('show a new answer at once: the cached comments follow the version', async () => {
		const f = await createFixture(2);
		const slotId = await f.addSlot({ startsIn: -hourMs, capacity: 5 });
		const booked = await bookings.book(f.db, {
			slotId,
			byUserId: f.residents[0],
			now: now - dayMs
		});
		if (booked.status !== 'ok') throw new Error(booked.status);
		await setStatus(f.db, {
			bookingId: booked.booking.id,
			status: 'attended',
			byUserId: f.staffId,
			now
		});
		const created = await rate(f.db, {
			bookingId: booked.booking.id,
			stars: 3,
			tags: [],
			comment: '饭菜偏咸',
			byUserId: f.residents[0],
			now
		});
		if (created.status !== 'created') throw new Error(created.status);
		expect((await pointSummary(f.db, f.pointId)).answered).toEqual([]);
		await reply(f.db, { ratingId: created.ratingId, reply: '已调整', byUserId: f.staffId, now });
		expect((await pointSummary(f.db, f.pointId)).answered.map((a) => a.reply)).toEqual(['已调整']);
		await reply(f.db, { ratingId: created.ratingId, reply: '已少放盐', byUserId: f.staffId, now });
		expect((await pointSummary(f.db, f.pointId)).answered.map((a) => a.reply)).toEqual([
			'已少放盐'
		]);
	});

	// SQLite's migration 0006 added the totals to a database with ratings; PostgreSQL's schema starts
	// with them (drizzle/postgres), so there is nothing to backfill there
	it.runIf(onSqlite)('are backfilled by the migration from the ratings already given', async () => {
		const f = await createFixture(3);
		for (const [i, stars] of [5, 2, 4].entries()) {
			const slotId = await f.addSlot({ startsIn: -(i + 1) * hourMs, capacity: 5 });
			const byUserId = f.residents[i];
			const booked = await bookings.book(f.db, { slotId, byUserId, now: now - dayMs });
			if (booked.status !== 'ok') throw new Error(booked.status);
			await setStatus(f.db, {
				bookingId: booked.booking.id,
				status: 'attended',
				byUserId: f.staffId,
				now
			});
			await rate(f.db, { bookingId: booked.booking.id, stars, tags: [], byUserId, now });
		}
		await transaction(f.db, async (tx) => {
			await tx.delete(servicePointRating);
		});
		const backfill = readFileSync('drizzle/0006_rating_running_totals.sql', 'utf8')
			.split('--> statement-breakpoint')
			.find((statement) => statement.includes('GROUP BY'))!;
		await transaction(f.db, (tx) => exec(tx, sql.raw(backfill)));
		expect(await pointTotals(f.db, f.pointId)).toMatchObject({ ratings: 3, starSum: 11 });
		expect(await pointSummary(f.db, f.pointId)).toMatchObject({ count: 3, average: 3.7 });
		expect(await pointTotals(f.db, f.otherPointId)).toMatchObject({ ratings: 0, starSum: 0 });
	});
});
