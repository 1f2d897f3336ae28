import { eq } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { booking, rating } from '../db/schema';
import { actor, actsForPerson, loadSlot, staffCovers } from '../booking';
import { notifyRatingReplied } from '../notifications';
import { record } from '../audit';
import type { RatingInput } from './schemas';
import { dayMs } from '$lib/time';

/** A rating may be changed for 7 days after it was first given; after that it stands as given. */
export const editableForMs = 7 * dayMs;
/** Low ratings (≤ 2 stars) ask for a follow-up call (回访); unanswered ones older than this stand out. */
export const lowStars = 2;
export const overdueAfterMs = 3 * dayMs;

export type RateResult =
	| { status: 'created' | 'updated'; ratingId: number }
	| { status: 'locked' }
	| { status: 'not_attended' }
	| { status: 'not_found' }
	| { status: 'forbidden' };

/**
 * The person (or their carer) rates an attended appointment: once per booking, editable for 7 days.
 * Staff, other residents and guests cannot rate it.
 */
export function rate(
	db: Db,
	input: RatingInput & { bookingId: number; byUserId: number; now?: number }
): Promise<RateResult> {
	return transaction(db, async (tx): Promise<RateResult> => {
		const now = input.now ?? Date.now();
		const [row] = await tx.select().from(booking).where(eq(booking.id, input.bookingId)).limit(1);
		if (!row) return { status: 'not_found' };
		if (row.userId === null || !(await actsForPerson(tx, input.byUserId, row.userId)))
			return { status: 'forbidden' };
		if (row.status !== 'attended') return { status: 'not_attended' };
		const values = { stars: input.stars, tags: input.tags, comment: input.comment ?? null };
		const [existing] = await tx.select().from(rating).where(eq(rating.bookingId, row.id)).limit(1);
		if (existing) {
			if (now - existing.createdAt.getTime() > editableForMs) return { status: 'locked' };
			await tx
				.update(rating)
				.set({ ...values, updatedAt: new Date(now) })
				.where(eq(rating.id, existing.id));
			return { status: 'updated', ratingId: existing.id };
		}
		const [created] = await tx
			.insert(rating)
			.values({ bookingId: row.id, ...values, createdAt: new Date(now) })
			.returning({ id: rating.id });
		return { status: 'created', ratingId: created.id };
	});
}

export type StaffRatingResult =
	{ status: 'ok' } | { status: 'not_found' } | { status: 'forbidden' };

/** The rating with the community of its service point, inside a transaction. */
async function ratingInScope(tx: Db, ratingId: number, byUserId: number) {
	const [row] = await tx
		.select({ rating, slotId: booking.slotId })
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.where(eq(rating.id, ratingId))
		.limit(1);
	if (!row) return { status: 'not_found' as const };
	const slotCtx = (await loadSlot(tx, row.slotId))!;
	const by = await actor(tx, byUserId);
	if (!by || !(await staffCovers(tx, by, slotCtx.point.communityCode)))
		return { status: 'forbidden' as const };
	return { status: 'ok' as const, rating: row.rating, slotCtx };
}

/** Staff answer a rating publicly; the person is notified (a new answer replaces the old one). */
export function reply(
	db: Db,
	input: { ratingId: number; reply: string; byUserId: number; now?: number }
): Promise<StaffRatingResult> {
	return transaction(db, async (tx): Promise<StaffRatingResult> => {
		const now = input.now ?? Date.now();
		const found = await ratingInScope(tx, input.ratingId, input.byUserId);
		if (found.status !== 'ok') return found;
		const text = input.reply.trim();
		await tx
			.update(rating)
			.set({ reply: text, repliedAt: new Date(now), repliedByUserId: input.byUserId })
			.where(eq(rating.id, input.ratingId));
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'rating.reply',
			entity: 'rating',
			entityId: input.ratingId,
			detail: { replaced: found.rating.reply !== null },
			now
		});
		await notifyRatingReplied(tx, {
			bookingId: found.rating.bookingId,
			ratingId: input.ratingId,
			slot: found.slotCtx,
			reply: text,
			now
		});
		return { status: 'ok' };
	});
}

/** Staff record that they called the person back about a low rating (回访). */
export function markFollowedUp(
	db: Db,
	input: { ratingId: number; byUserId: number; now?: number }
): Promise<StaffRatingResult> {
	return transaction(db, async (tx): Promise<StaffRatingResult> => {
		const now = input.now ?? Date.now();
		const found = await ratingInScope(tx, input.ratingId, input.byUserId);
		if (found.status !== 'ok') return found;
		await tx
			.update(rating)
			.set({ followedUpAt: new Date(now) })
			.where(eq(rating.id, input.ratingId));
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'rating.followed_up',
			entity: 'rating',
			entityId: input.ratingId,
			now
		});
		return { status: 'ok' };
	});
}
