import { and, avg, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { booking, rating, slot } from '../db/schema';

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
