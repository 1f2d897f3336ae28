import { inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { rating } from '../db/schema';
import { editableForMs } from './ratings';

// What a resident gave: their own ratings, by booking.

export interface OwnRating {
	id: number;
	stars: number;
	tags: string[];
	comment: string | null;
	reply: string | null;
	editable: boolean;
}

/** The ratings of some bookings (the resident's own list), by booking id. */
export async function forBookings(
	db: Db,
	bookingIds: number[],
	now = Date.now()
): Promise<Map<number, OwnRating>> {
	if (bookingIds.length === 0) return new Map();
	const rows = await db.select().from(rating).where(inArray(rating.bookingId, bookingIds));
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
