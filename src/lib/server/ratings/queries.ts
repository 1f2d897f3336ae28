import { and, avg, count, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	booking,
	community,
	rating,
	serviceCategory,
	servicePoint,
	slot,
	user
} from '../db/schema';
import { editableForMs, lowStars, overdueAfterMs } from './ratings';
import { maskPhone } from '$lib/phone';
import { addDays, dayMs, isoWeekday, localDate, localMidnight } from '$lib/time';

export interface OwnRating {
	id: number;
	stars: number;
	tags: string[];
	comment: string | null;
	reply: string | null;
	editable: boolean;
}

/** The ratings of some bookings (the resident's own list), by booking id. */
export function forBookings(
	db: Db,
	bookingIds: number[],
	now = Date.now()
): Map<number, OwnRating> {
	if (bookingIds.length === 0) return new Map();
	const rows = db.select().from(rating).where(inArray(rating.bookingId, bookingIds)).all();
	return new Map(
		rows.map((r) => [
			r.bookingId,
			{
				id: r.id,
				stars: r.stars,
				tags: r.tags,
				comment: r.comment,
				reply: r.reply,
				editable: now - r.createdAt.getTime() <= editableForMs
			}
		])
	);
}

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

/** What residents see on a service point's page: average, count, recent answered comments. */
export function pointSummary(db: Db, servicePointId: number): PointSummary {
	const totals = db
		.select({ n: count(), average: avg(rating.stars) })
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(eq(slot.servicePointId, servicePointId))
		.get();
	const answered = db
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
		.all();
	return {
		average: totals?.average ? Math.round(Number(totals.average) * 10) / 10 : null,
		count: totals?.n ?? 0,
		answered: answered.map((r) => ({
			stars: r.stars,
			tags: r.tags,
			comment: r.comment ?? '',
			reply: r.reply ?? '',
			createdAt: r.createdAt.getTime()
		}))
	};
}

export type StaffFilter = 'all' | 'low' | 'unanswered' | 'low_unanswered';

export interface StaffRatingView {
	id: number;
	bookingId: number;
	servicePointId: number;
	servicePointName: string;
	startsAt: number;
	stars: number;
	tags: string[];
	comment: string | null;
	createdAt: number;
	reply: string | null;
	repliedAt: number | null;
	followedUpAt: number | null;
	personName: string;
	phoneMasked: string;
	low: boolean;
	/** low, not answered and older than 3 days: stands out in the list */
	overdue: boolean;
}

/** Ratings of the service points in the given communities (null: all), newest first. */
export function forStaff(
	db: Db,
	communityCodes: string[] | null,
	filter: StaffFilter = 'all',
	now = Date.now(),
	limit = 100
): StaffRatingView[] {
	if (communityCodes && communityCodes.length === 0) return [];
	const rows = db
		.select({
			rating,
			bookingId: booking.id,
			guestName: booking.guestName,
			guestPhone: booking.guestPhone,
			pointId: servicePoint.id,
			pointName: servicePoint.name,
			startsAt: slot.startsAt,
			personName: user.name,
			personPhone: user.phone
		})
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.leftJoin(user, eq(user.id, booking.userId))
		.where(
			and(
				communityCodes ? inArray(servicePoint.communityCode, communityCodes) : undefined,
				filter === 'low' || filter === 'low_unanswered' ? lte(rating.stars, lowStars) : undefined,
				filter === 'unanswered' || filter === 'low_unanswered' ? isNull(rating.reply) : undefined
			)
		)
		// low and unanswered first (the work to do), then the newest
		.orderBy(
			sql`case when ${rating.stars} <= ${lowStars} and ${rating.reply} is null then 0 else 1 end`,
			desc(rating.createdAt)
		)
		.limit(limit)
		.all();
	return rows.map((row) => {
		const r = row.rating;
		const low = r.stars <= lowStars;
		return {
			id: r.id,
			bookingId: row.bookingId,
			servicePointId: row.pointId,
			servicePointName: row.pointName,
			startsAt: row.startsAt.getTime(),
			stars: r.stars,
			tags: r.tags,
			comment: r.comment,
			createdAt: r.createdAt.getTime(),
			reply: r.reply,
			repliedAt: r.repliedAt?.getTime() ?? null,
			followedUpAt: r.followedUpAt?.getTime() ?? null,
			personName: row.personName ?? row.guestName ?? '',
			phoneMasked: maskPhone(row.personPhone ?? row.guestPhone ?? ''),
			low,
			overdue: low && r.reply === null && now - r.createdAt.getTime() > overdueAfterMs
		};
	});
}

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
export function communityTrend(
	db: Db,
	communityCode: string,
	now = Date.now(),
	weeks = 12
): CommunityTrend {
	const today = localDate(now);
	const thisMonday = addDays(today, 1 - isoWeekday(today));
	const mondays = Array.from({ length: weeks }, (_, i) => addDays(thisMonday, (i - weeks + 1) * 7));
	const from = localMidnight(mondays[0]);
	const rows = db
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
		)
		.all();
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
	const categories = db
		.select()
		.from(serviceCategory)
		.orderBy(serviceCategory.sortOrder)
		.all()
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
export function communitiesWithFewRatings(
	db: Db,
	minimum: number,
	now = Date.now()
): { code: string; name: string; ratings: number }[] {
	const since = new Date(now - 91 * dayMs);
	const counted = db
		.select({ code: servicePoint.communityCode, n: count() })
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.where(and(gte(rating.createdAt, since), lte(rating.createdAt, new Date(now))))
		.groupBy(servicePoint.communityCode)
		.all();
	const byCode = new Map(counted.map((row) => [row.code, row.n]));
	return db
		.select({ code: community.code, name: community.name })
		.from(community)
		.orderBy(community.code)
		.all()
		.map((c) => ({ ...c, ratings: byCode.get(c.code) ?? 0 }))
		.filter((c) => c.ratings < minimum)
		.sort((a, b) => a.ratings - b.ratings || a.code.localeCompare(b.code));
}

/** How many ratings of the given communities' points wait for an answer, and how many of them are overdue. */
export function staffCounts(
	db: Db,
	communityCodes: string[] | null,
	now = Date.now()
): { unanswered: number; lowUnanswered: number; overdue: number } {
	if (communityCodes && communityCodes.length === 0)
		return { unanswered: 0, lowUnanswered: 0, overdue: 0 };
	const row = db
		.select({
			unanswered: count(),
			lowUnanswered: sql<number>`coalesce(sum(case when ${rating.stars} <= ${lowStars} then 1 else 0 end), 0)`,
			overdue: sql<number>`coalesce(sum(case when ${rating.stars} <= ${lowStars} and ${rating.createdAt} < ${now - overdueAfterMs} then 1 else 0 end), 0)`
		})
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.where(
			and(
				communityCodes ? inArray(servicePoint.communityCode, communityCodes) : undefined,
				isNull(rating.reply)
			)
		)
		.get();
	return {
		unanswered: row?.unanswered ?? 0,
		lowUnanswered: row?.lowUnanswered ?? 0,
		overdue: row?.overdue ?? 0
	};
}
