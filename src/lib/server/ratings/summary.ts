import { and, desc, eq, isNotNull, sum } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { booking, rating, servicePoint, servicePointRating, slot } from '../db/schema';

// What everyone sees on a service point page.

export interface PointSummary {
	average: number | null;
	count: number;
	/** recent comments that staff answered; no names */
	answered: {
		stars: number;
		tags: string[];
		comment: string;
		reply: string;
		createdAt: number;
	}[];
}

/** The point's running totals (migration 0006: kept by triggers with every rating change). */
export async function pointTotals(
	db: Db,
	servicePointId: number
): Promise<{ ratings: number; starSum: number; version: number }> {
	const [row] = await prepared(db, 'ratings.pointTotals', ($) =>
		db
			.select({
				ratings: servicePointRating.ratings,
				starSum: servicePointRating.starSum,
				version: servicePointRating.version
			})
			.from(servicePointRating)
			.where(eq(servicePointRating.servicePointId, $.id))
	).execute({ id: servicePointId });
	return row ?? { ratings: 0, starSum: 0, version: 0 };
}

/** The same figures counted from the ratings themselves (what the running totals must equal). */
export async function pointRecount(
	db: Db,
	servicePointId: number
): Promise<{ ratings: number; starSum: number }> {
	const rows = await db
		.select({ stars: rating.stars })
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(eq(slot.servicePointId, servicePointId));
	return { ratings: rows.length, starSum: rows.reduce((sum, r) => sum + r.stars, 0) };
}

/**
 * The recent answered comments change only with the point's ratings, so they are kept per point
 * under its totals' version (one process's memory; another process's change moves the version in
 * the database, so a stale list is never shown).
 */
const answeredCaches = new WeakMap<
	Db,
	Map<number, { version: number; answered: PointSummary['answered'] }>
>();
const answeredCacheSize = 2000;

async function recentAnswered(db: Db, servicePointId: number): Promise<PointSummary['answered']> {
	const rows = await db
		.select({
			stars: rating.stars,
			tags: rating.tags,
			comment: rating.comment,
			reply: rating.reply,
			createdAt: rating.createdAt
		})
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(
			and(
				eq(slot.servicePointId, servicePointId),
				isNotNull(rating.comment),
				isNotNull(rating.reply)
			)
		)
		.orderBy(desc(rating.createdAt), desc(rating.id))
		.limit(5);
	return rows.map((r) => ({
		stars: r.stars,
		tags: r.tags,
		comment: r.comment ?? '',
		reply: r.reply ?? '',
		createdAt: r.createdAt.getTime()
	}));
}

/**
 * What residents see on a service point's page: average, count, recent answered comments. One
 * primary-key read of the running totals; the comments are read again only when they changed.
 */
export async function pointSummary(db: Db, servicePointId: number): Promise<PointSummary> {
	const totals = await pointTotals(db, servicePointId);
	let answeredCache = answeredCaches.get(db);
	if (!answeredCache) {
		answeredCache = new Map();
		answeredCaches.set(db, answeredCache);
	}
	let cached = answeredCache.get(servicePointId);
	if (cached?.version !== totals.version) {
		cached = {
			version: totals.version,
			answered: totals.ratings > 0 ? await recentAnswered(db, servicePointId) : []
		};
		if (answeredCache.size >= answeredCacheSize) answeredCache.clear();
		answeredCache.set(servicePointId, cached);
	}
	return {
		average: totals.ratings > 0 ? Math.round((totals.starSum / totals.ratings) * 10) / 10 : null,
		count: totals.ratings,
		answered: cached.answered
	};
}

/**
 * A fingerprint of every rating of a community's service points: the sum of their running totals'
 * versions, which only grow (a point removed, which would lower it, moves the public data version).
 * What is computed from those ratings can be cached under it.
 */
export async function communityRatingsVersion(db: Db, communityCode: string): Promise<number> {
	const [row] = await prepared(db, 'ratings.communityVersion', ($) =>
		db
			.select({ version: sum(servicePointRating.version).mapWith(Number) })
			.from(servicePointRating)
			.innerJoin(servicePoint, eq(servicePoint.id, servicePointRating.servicePointId))
			.where(eq(servicePoint.communityCode, $.code))
	).execute({ code: communityCode });
	return row?.version ?? 0;
}
