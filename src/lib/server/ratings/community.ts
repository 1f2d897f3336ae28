import { and, count, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db';
import { booking, community, rating, serviceCategory, servicePoint, slot } from '../db/schema';
import { addDays, dayMs, isoWeekday, localDate, localMidnight } from '$lib/time';

// What a community page and the planning view show: satisfaction over time, where it is thin.

export interface CommunityTrend {
	/** Monday of each week, local dates, oldest first */
	weeks: string[];
	categories: {
		code: string;
		nameZh: string;
		nameEn: string;
		colour: string;
		/** average stars per week (null: no ratings that week) */
		averages: (number | null)[];
		counts: number[];
	}[];
}

/** Satisfaction by category per week over the last `weeks` weeks, for a community's page. */
export async function communityTrend(
	db: Db,
	communityCode: string,
	now = Date.now(),
	weeks = 12
): Promise<CommunityTrend> {
	const today = localDate(now);
	const thisMonday = addDays(today, 1 - isoWeekday(today));
	const mondays = Array.from({ length: weeks }, (_, i) => addDays(thisMonday, (i - weeks + 1) * 7));
	const from = localMidnight(mondays[0]);
	const rows = await db
		.select({
			categoryCode: servicePoint.categoryCode,
			createdAt: rating.createdAt,
			stars: rating.stars
		})
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.where(
			and(eq(servicePoint.communityCode, communityCode), gte(rating.createdAt, new Date(from)))
		);
	const sums = new Map<string, { sum: number[]; n: number[] }>();
	for (const row of rows) {
		const week = Math.floor((row.createdAt.getTime() - from) / (7 * dayMs));
		if (week < 0 || week >= weeks) continue;
		let entry = sums.get(row.categoryCode);
		if (!entry) {
			entry = { sum: Array(weeks).fill(0), n: Array(weeks).fill(0) };
			sums.set(row.categoryCode, entry);
		}
		entry.sum[week] += row.stars;
		entry.n[week]++;
	}
	const categories = (
		await db.select().from(serviceCategory).orderBy(serviceCategory.sortOrder, serviceCategory.code)
	)
		.filter((c) => sums.has(c.code))
		.map((c) => {
			const { sum, n } = sums.get(c.code)!;
			return {
				code: c.code,
				nameZh: c.nameZh,
				nameEn: c.nameEn,
				colour: c.colour,
				averages: sum.map((s, i) => (n[i] > 0 ? Math.round((s / n[i]) * 10) / 10 : null)),
				counts: n
			};
		});
	return { weeks: mondays, categories };
}

/**
 * For the planning view: communities with fewer than `minimum` ratings in the last quarter (the 91 days
 * before `now`), fewest first — where the plan's satisfaction survey does not yet reach.
 */
export async function communitiesWithFewRatings(
	db: Db,
	minimum: number,
	now = Date.now()
): Promise<{ code: string; name: string; ratings: number }[]> {
	const since = new Date(now - 91 * dayMs);
	const counted = await db
		.select({ code: servicePoint.communityCode, n: count() })
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.where(and(gte(rating.createdAt, since), lte(rating.createdAt, new Date(now))))
		.groupBy(servicePoint.communityCode);
	const byCode = new Map(counted.map((row) => [row.code, row.n]));
	return (
		await db
			.select({ code: community.code, name: community.name })
			.from(community)
			.orderBy(community.code)
	)
		.map((c) => ({ ...c, ratings: byCode.get(c.code) ?? 0 }))
		.filter((c) => c.ratings < minimum)
		.sort((a, b) => a.ratings - b.ratings || a.code.localeCompare(b.code));
}
