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
export function pointTotals(
	db: Db,
	servicePointId: number
): { ratings: number; starSum: number; version: number } {
	const row = prepared(db, 'ratings.pointTotals', ($) =>
		db
			.select({
				ratings: servicePointRating.ratings,
				starSum: servicePointRating.starSum,
				version: servicePointRating.version
			})
			.from(servicePointRating)
			.where(eq(servicePointRating.servicePointId, $.id))
	).get({ id: servicePointId });
	return row ?? { ratings: 0, starSum: 0, version: 0 };
}

/** The same figures counted from the ratings themselves (what the running totals must equal). */
export function pointRecount(db: Db, servicePointId: number): { ratings: number; starSum: number } {
	const rows = db
		.select({ stars: rating.stars })
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(eq(slot.servicePointId, servicePointId))
		.all();
	return { ratings: rows.length, starSum: rows.reduce((sum, r) => sum + r.stars, 0) };
}

/**
 * The recent answered comments change only with the point's ratings, so they are kept per point
 * under its totals' version (one process's memory; another process's change moves the version in
 * the database, so a stale list is never shown).
 */
const answeredCaches = new WeakMap<
	Db['$client'],
	Map<number, { version: number; answered: PointSummary['answered'] }>
>();
const answeredCacheSize = 2000;

function recentAnswered(db: Db, servicePointId: number): PointSummary['answered'] {
	return db
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
		.orderBy(desc(rating.createdAt))
		.limit(5)
		.all()
		.map((r) => ({
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
export function pointSummary(db: Db, servicePointId: number): PointSummary {
	const totals = pointTotals(db, servicePointId);
	let answeredCache = answeredCaches.get(db.$client);
	if (!answeredCache) {
		answeredCache = new Map();
		answeredCaches.set(db.$client, answeredCache);
	}
	let cached = answeredCache.get(servicePointId);
	if (cached?.version !== totals.version) {
		cached = {
			version: totals.version,
			answered: totals.ratings > 0 ? recentAnswered(db, servicePointId) : []
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
export function communityRatingsVersion(db: Db, communityCode: string): number {
	return (
		prepared(db, 'ratings.communityVersion', ($) =>
			db
				.select({ version: sum(servicePointRating.version).mapWith(Number) })
				.from(servicePointRating)
				.innerJoin(servicePoint, eq(servicePoint.id, servicePointRating.servicePointId))
				.where(eq(servicePoint.communityCode, $.code))
		).get({ code: communityCode })?.version ?? 0
	);
}
