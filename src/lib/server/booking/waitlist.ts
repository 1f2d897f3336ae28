import { and, asc, count, eq, lte } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { prepared } from '../db/prepared';
import { waitlistEntry } from '../db/schema';
import { actor, actsForPerson, staffCovers } from './access';
import { activeBookingOf, insertBooking } from './book';
import { withinHorizon, withinNotice, placesLeft, isAssisted, type Channel } from './rules';
import { isClosed, loadSlot, selfServiceBookedOf, type SlotContext } from './slot-context';

export type JoinResult =
	| { status: 'ok'; entryId: number; position: number }
	| { status: 'available' }
	| { status: 'duplicate'; entryId: number; position: number }
	| { status: 'already_booked'; bookingId: number }
	| { status: 'too_late' }
	| { status: 'beyond_horizon'; horizonDays: number }
	| { status: 'closed' }
	| { status: 'not_found' }
	| { status: 'forbidden' };

async function entryById(db: Db, entryId: number) {
	const [entry] = await prepared(db, 'waitlistEntry', ($) =>
		db.select().from(waitlistEntry).where(eq(waitlistEntry.id, $.entryId))
	).execute({ entryId });
	return entry;
}

/** 1-based place in line of a waiting entry, or null when it no longer waits. */
export async function position(db: Db, entryId: number): Promise<number | null> {
	const entry = await entryById(db, entryId);
	if (!entry || entry.status !== 'waiting') return null;
	const [ahead] = await prepared(db, 'waitlistAhead', ($) =>
		db
			.select({ n: count() })
			.from(waitlistEntry)
			.where(
				and(
					eq(waitlistEntry.slotId, $.slotId),
					eq(waitlistEntry.status, 'waiting'),
					lte(waitlistEntry.id, $.entryId)
				)
			)
	).execute({ slotId: entry.slotId, entryId });
	return ahead?.n ?? 0;
}

/** Joins the waitlist of a full slot (only when it is full for the person's channel). */
export function join(
	db: Db,
	input: { slotId: number; forUserId?: number; byUserId: number; channel?: Channel; now?: number }
): Promise<JoinResult> {
	return transaction(db, async (tx): Promise<JoinResult> => {
		const now = input.now ?? Date.now();
		const forUserId = input.forUserId ?? input.byUserId;
		const slotCtx = await loadSlot(tx, input.slotId);
		if (!slotCtx) return { status: 'not_found' };
		const by = await actor(tx, input.byUserId);
		const channel = input.channel ?? (forUserId === input.byUserId ? 'online' : 'proxy');
		const allowed =
			by !== null &&
			(isAssisted(channel)
				? await staffCovers(tx, by, slotCtx.point.communityCode)
				: (await actsForPerson(tx, input.byUserId, forUserId)) &&
					(channel === 'online') === (forUserId === input.byUserId));
		if (!allowed) return { status: 'forbidden' };
		if (await isClosed(tx, slotCtx)) return { status: 'closed' };
		if (!withinNotice(slotCtx.startsAt, slotCtx.point.minNoticeMinutes, now))
			return { status: 'too_late' };
		if (
			!isAssisted(channel) &&
			!withinHorizon(slotCtx.startsAt, slotCtx.point.bookingHorizonDays, now)
		)
			return { status: 'beyond_horizon', horizonDays: slotCtx.point.bookingHorizonDays };
		const booked = await activeBookingOf(tx, slotCtx.id, forUserId);
		if (booked !== null) return { status: 'already_booked', bookingId: booked };
		const [waiting] = await prepared(tx, 'waitingEntryOf', ($) =>
			tx
				.select({ id: waitlistEntry.id })
				.from(waitlistEntry)
				.where(
					and(
						eq(waitlistEntry.slotId, $.slotId),
						eq(waitlistEntry.userId, $.userId),
						eq(waitlistEntry.status, 'waiting')
					)
				)
		).execute({ slotId: slotCtx.id, userId: forUserId });
		if (waiting)
			return {
				status: 'duplicate',
				entryId: waiting.id,
				position: (await position(tx, waiting.id))!
			};
		const selfService = await selfServiceBookedOf(tx, slotCtx.id);
		if (placesLeft(slotCtx, selfService, channel) > 0) return { status: 'available' };
		const [entry] = await prepared(tx, 'joinWaitlist', ($) =>
			tx
				.insert(waitlistEntry)
				.values({
					slotId: $.slotId,
					userId: $.userId,
					bookedByUserId: $.byUserId,
					channel: $.channel,
					createdAt: $.now
				})
				.returning({ id: waitlistEntry.id })
		).execute({
			slotId: slotCtx.id,
			userId: forUserId,
			byUserId: input.byUserId,
			channel,
			now: new Date(now)
		});
		return { status: 'ok', entryId: entry.id, position: (await position(tx, entry.id))! };
	});
}

export function leave(
	db: Db,
	input: { entryId: number; byUserId: number }
): Promise<{ status: 'ok' } | { status: 'not_found' } | { status: 'forbidden' }> {
	return transaction(db, async (tx) => {
		const entry = await entryById(tx, input.entryId);
		if (!entry || entry.status !== 'waiting' || entry.userId === null)
			return { status: 'not_found' as const };
		if (!(await actsForPerson(tx, input.byUserId, entry.userId)))
			return { status: 'forbidden' as const };
		await tx.update(waitlistEntry).set({ status: 'left' }).where(eq(waitlistEntry.id, entry.id));
		return { status: 'ok' as const };
	});
}

/**
 * Fills free places from the waitlist, first in line first, inside the caller's transaction.
 * An entry that does not fit (its channel's quota is used up) waits on; people who meanwhile booked
 * the slot another way leave the line. Returns the new booking ids.
 */
export async function promoteWaiting(tx: Db, slotCtx: SlotContext, now: number): Promise<number[]> {
	if ((await isClosed(tx, slotCtx)) || now >= slotCtx.startsAt) return [];
	const promoted: number[] = [];
	const entries = await prepared(tx, 'waitlistInLine', ($) =>
		tx
			.select()
			.from(waitlistEntry)
			.where(and(eq(waitlistEntry.slotId, $.slotId), eq(waitlistEntry.status, 'waiting')))
			.orderBy(asc(waitlistEntry.id))
	).execute({ slotId: slotCtx.id });
	for (const entry of entries) {
		const current = (await loadSlot(tx, slotCtx.id))!;
		const selfService = await selfServiceBookedOf(tx, current.id);
		if (placesLeft(current, 0, 'desk') < 1) break;
		if (placesLeft(current, selfService, entry.channel) < 1) continue;
		if ((await activeBookingOf(tx, current.id, entry.userId!)) !== null) {
			await tx.update(waitlistEntry).set({ status: 'left' }).where(eq(waitlistEntry.id, entry.id));
			continue;
		}
		const created = await insertBooking(tx, current, {
			forUserId: entry.userId,
			channel: entry.channel,
			input: { byUserId: entry.bookedByUserId ?? entry.userId! },
			now,
			promoted: true
		});
		await tx
			.update(waitlistEntry)
			.set({ status: 'promoted', promotedBookingId: created.booking.id })
			.where(eq(waitlistEntry.id, entry.id));
		promoted.push(created.booking.id);
	}
	return promoted;
}
