import { and, avg, count, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { booking, community, rating, servicePoint, slot, waitlistEntry } from '../db/schema';
import type { PlanningScope } from './scope';
import { dayMs } from '$lib/time';

export const demandWindowDays = 28;

export interface DemandRow {
	id: number;
	name: string;
	categoryCode: string;
	communityName: string;
	slots: number;
	fullSlots: number;
	fullShare: number;
	waiting: number;
	attended: number;
	noShows: number;
	noShowRate: number | null;
	ratings: number;
	averageRating: number | null;
}

const ratio = (part: number, whole: number) =>
	whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;

/**
 * Demand beside supply, per bookable service point: the share of full slots and the people
 * waiting (slots from `demandWindowDays` ago onwards, the materialised future included), the
 * no-show rate of past bookings and the average rating in the same window.
 */
export async function demandSignals(
	db: Db,
	scope: PlanningScope,
	now = Date.now()
): Promise<DemandRow[]> {
	const since = new Date(now - demandWindowDays * dayMs);
	const codes = scope.communities.map((c) => c.code);
	const points = await db
		.select({
			id: servicePoint.id,
			name: servicePoint.name,
			categoryCode: servicePoint.categoryCode,
			communityName: community.name
		})
		.from(servicePoint)
		.innerJoin(community, eq(community.code, servicePoint.communityCode))
		.where(and(eq(servicePoint.active, true), inArray(servicePoint.communityCode, codes)));
	const ids = points.map((p) => p.id);
	if (ids.length === 0) return [];
	const inWindow = and(
		inArray(slot.servicePointId, ids),
		gte(slot.startsAt, since),
		sql`${slot.cancelledAt} is null`
	);
	const slotRows = await db
		.select({
			id: slot.servicePointId,
			slots: count(),
			full: sql<number>`sum(case when ${slot.bookedCount} >= coalesce(${slot.capacityOverride}, ${slot.capacity}) then 1 else 0 end)`.mapWith(
				Number
			)
		})
		.from(slot)
		.where(inWindow)
		.groupBy(slot.servicePointId);
	const slots = new Map(slotRows.map((row) => [row.id, row]));
	const waitingRows = await db
		.select({ id: slot.servicePointId, n: count() })
		.from(waitlistEntry)
		.innerJoin(slot, eq(slot.id, waitlistEntry.slotId))
		.where(and(inWindow, eq(waitlistEntry.status, 'waiting')))
		.groupBy(slot.servicePointId);
	const waiting = new Map(waitingRows.map((row) => [row.id, row.n]));
	const outcomeRows = await db
		.select({
			id: slot.servicePointId,
			attended:
				sql<number>`sum(case when ${booking.status} = 'attended' then 1 else 0 end)`.mapWith(
					Number
				),
			noShows: sql<number>`sum(case when ${booking.status} = 'no_show' then 1 else 0 end)`.mapWith(
				Number
			)
		})
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(inWindow)
		.groupBy(slot.servicePointId);
	const outcomes = new Map(outcomeRows.map((row) => [row.id, row]));
	const ratingRows = await db
		.select({ id: slot.servicePointId, n: count(), average: avg(rating.stars) })
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(inWindow)
		.groupBy(slot.servicePointId);
	const ratings = new Map(ratingRows.map((row) => [row.id, row]));
	return points
		.filter((p) => slots.has(p.id))
		.map((p) => {
			const s = slots.get(p.id)!;
			const o = outcomes.get(p.id) ?? { attended: 0, noShows: 0 };
			const r = ratings.get(p.id);
			const attended = Number(o.attended ?? 0);
			const noShows = Number(o.noShows ?? 0);
			return {
				...p,
				slots: s.slots,
				fullSlots: Number(s.full ?? 0),
				fullShare: ratio(Number(s.full ?? 0), s.slots),
				waiting: waiting.get(p.id) ?? 0,
				attended,
				noShows,
				noShowRate: attended + noShows === 0 ? null : ratio(noShows, attended + noShows),
				ratings: r?.n ?? 0,
				averageRating: r?.average == null ? null : Math.round(Number(r.average) * 10) / 10
			};
		});
}

/** The same signals summed per category. */
export function demandByCategory(rows: DemandRow[]) {
	const byCategory = new Map<string, DemandRow[]>();
	for (const row of rows)
		byCategory.set(row.categoryCode, [...(byCategory.get(row.categoryCode) ?? []), row]);
	return [...byCategory].map(([categoryCode, list]) => {
		const sum = (key: 'slots' | 'fullSlots' | 'waiting' | 'attended' | 'noShows' | 'ratings') =>
			list.reduce((total, row) => total + row[key], 0);
		const ratingTotal = list.reduce(
			(total, row) => total + (row.averageRating ?? 0) * row.ratings,
			0
		);
		return {
			categoryCode,
			points: list.length,
			slots: sum('slots'),
			fullShare: ratio(sum('fullSlots'), sum('slots')),
			waiting: sum('waiting'),
			noShowRate:
				sum('attended') + sum('noShows') === 0
					? null
					: ratio(sum('noShows'), sum('attended') + sum('noShows')),
			ratings: sum('ratings'),
			averageRating:
				sum('ratings') === 0 ? null : Math.round((ratingTotal / sum('ratings')) * 10) / 10
		};
	});
}
