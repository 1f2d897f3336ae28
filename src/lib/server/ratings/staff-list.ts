import { and, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { booking, rating, servicePoint, slot, user } from '../db/schema';
import { lowStars, overdueAfterMs } from './ratings';
import { maskPhone } from '$lib/phone';

// What staff read and answer: the ratings of their communities.

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
export async function forStaff(
	db: Db,
	communityCodes: string[] | null,
	filter: StaffFilter = 'all',
	now = Date.now(),
	limit = 100
): Promise<StaffRatingView[]> {
	if (communityCodes && communityCodes.length === 0) return [];
	const rows = await db
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
			desc(rating.createdAt),
			desc(rating.id)
		)
		.limit(limit);
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

/** How many ratings of the given communities' points wait for an answer, and how many of them are overdue. */
export async function staffCounts(
	db: Db,
	communityCodes: string[] | null,
	now = Date.now()
): Promise<{ unanswered: number; lowUnanswered: number; overdue: number }> {
	if (communityCodes && communityCodes.length === 0)
		return { unanswered: 0, lowUnanswered: 0, overdue: 0 };
	// sums are numbers on both backends through mapWith (PostgreSQL returns a bigint's sum as text)
	const [row] = await db
		.select({
			unanswered: count(),
			lowUnanswered:
				sql<number>`coalesce(sum(case when ${rating.stars} <= ${lowStars} then 1 else 0 end), 0)`.mapWith(
					Number
				),
			overdue:
				sql<number>`coalesce(sum(case when ${rating.stars} <= ${lowStars} and ${rating.createdAt} < ${now - overdueAfterMs} then 1 else 0 end), 0)`.mapWith(
					Number
				)
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
		);
	return {
		unanswered: row?.unanswered ?? 0,
		lowUnanswered: row?.lowUnanswered ?? 0,
		overdue: row?.overdue ?? 0
	};
}
