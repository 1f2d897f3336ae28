import { and, asc, count, eq, lte } from 'drizzle-orm';
import { immediate, type Db } from '../db';
import { prepared } from '../db/prepared';
import { waitlistEntry } from '../db/schema';
import { actor, actsForPerson, staffCovers } from './access';
import { activeBookingOf, insertBooking } from './book';
import { withinHorizon, withinNotice, placesLeft, isAssisted, type Channel } from './rules';
import { isClosed, loadSlot, selfServiceBooked, type SlotContext } from './slot-context';

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

function entryById(db: Db, entryId: number) {
	return prepared(db, 'waitlistEntry', ($) =>
		db.select().from(waitlistEntry).where(eq(waitlistEntry.id, $.entryId))
	).get({ entryId });
}

/** 1-based place in line of a waiting entry, or null when it no longer waits. */
export function position(db: Db, entryId: number): number | null {
	const entry = entryById(db, entryId);
	if (!entry || entry.status !== 'waiting') return null;
	return (
		prepared(db, 'waitlistAhead', ($) =>
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
		).get({ slotId: entry.slotId, entryId })?.n ?? 0
	);
}

/** Joins the waitlist of a full slot (only when it is full for the person's channel). */
export function join(
	db: Db,
	input: { slotId: number; forUserId?: number; byUserId: number; channel?: Channel; now?: number }
): JoinResult {
	return immediate(db, (tx) => {
		const now = input.now ?? Date.now();
		const forUserId = input.forUserId ?? input.byUserId;
		const slotCtx = loadSlot(tx, input.slotId);
		if (!slotCtx) return { status: 'not_found' };
		const by = actor(tx, input.byUserId);
		const channel = input.channel ?? (forUserId === input.byUserId ? 'online' : 'proxy');
		const allowed =
			by !== null &&
			(isAssisted(channel)
				? staffCovers(tx, by, slotCtx.point.communityCode)
				: actsForPerson(tx, input.byUserId, forUserId) &&
					(channel === 'online') === (forUserId === input.byUserId));
		if (!allowed) return { status: 'forbidden' };
		if (isClosed(tx, slotCtx)) return { status: 'closed' };
		if (!withinNotice(slotCtx.startsAt, slotCtx.point.minNoticeMinutes, now))
			return { status: 'too_late' };
		if (
			!isAssisted(channel) &&
			!withinHorizon(slotCtx.startsAt, slotCtx.point.bookingHorizonDays, now)
		)
			return { status: 'beyond_horizon', horizonDays: slotCtx.point.bookingHorizonDays };
		const booked = activeBookingOf(tx, slotCtx.id, forUserId);
		if (booked !== null) return { status: 'already_booked', bookingId: booked };
		const waiting = prepared(tx, 'waitingEntryOf', ($) =>
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
		).get({ slotId: slotCtx.id, userId: forUserId });
		if (waiting)
			return { status: 'duplicate', entryId: waiting.id, position: position(tx, waiting.id)! };
		const selfService = selfServiceBooked(tx, [slotCtx.id]).get(slotCtx.id) ?? 0;
		if (placesLeft(slotCtx, selfService, channel) > 0) return { status: 'available' };
		const entry = prepared(tx, 'joinWaitlist', ($) =>
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
		).get({
			slotId: slotCtx.id,
			userId: forUserId,
			byUserId: input.byUserId,
			channel,
			now: new Date(now)
		})!;
		return { status: 'ok', entryId: entry.id, position: position(tx, entry.id)! };
	});
}

export function leave(
	db: Db,
	input: { entryId: number; byUserId: number }
): { status: 'ok' } | { status: 'not_found' } | { status: 'forbidden' } {
	return immediate(db, (tx) => {
		const entry = entryById(tx, input.entryId);
		if (!entry || entry.status !== 'waiting' || entry.userId === null)
			return { status: 'not_found' };
		if (!actsForPerson(tx, input.byUserId, entry.userId)) return { status: 'forbidden' };
		tx.update(waitlistEntry).set({ status: 'left' }).where(eq(waitlistEntry.id, entry.id)).run();
		return { status: 'ok' };
	});
}

/**
 * Fills free places from the waitlist, first in line first, inside the caller's transaction.
 * An entry that does not fit (its channel's quota is used up) waits on; people who meanwhile booked
 * the slot another way leave the line. Returns the new booking ids.
 */
export function promoteWaiting(tx: Db, slotCtx: SlotContext, now: number): number[] {
	if (isClosed(tx, slotCtx) || now >= slotCtx.startsAt) return [];
	const promoted: number[] = [];
	const entries = prepared(tx, 'waitlistInLine', ($) =>
		tx
			.select()
			.from(waitlistEntry)
			.where(and(eq(waitlistEntry.slotId, $.slotId), eq(waitlistEntry.status, 'waiting')))
			.orderBy(asc(waitlistEntry.id))
	).all({ slotId: slotCtx.id });
	for (const entry of entries) {
		const current = loadSlot(tx, slotCtx.id)!;
		const selfService = selfServiceBooked(tx, [current.id]).get(current.id) ?? 0;
		if (placesLeft(current, 0, 'desk') < 1) break;
		if (placesLeft(current, selfService, entry.channel) < 1) continue;
		if (activeBookingOf(tx, current.id, entry.userId!) !== null) {
			tx.update(waitlistEntry).set({ status: 'left' }).where(eq(waitlistEntry.id, entry.id)).run();
			continue;
		}
		const created = insertBooking(tx, current, {
			forUserId: entry.userId,
			channel: entry.channel,
			input: { byUserId: entry.bookedByUserId ?? entry.userId! },
			now,
			promoted: true
		});
		tx.update(waitlistEntry)
			.set({ status: 'promoted', promotedBookingId: created.booking.id })
			.where(eq(waitlistEntry.id, entry.id))
			.run();
		promoted.push(created.booking.id);
	}
	return promoted;
}
