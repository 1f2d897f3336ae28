import { eq, sql } from 'drizzle-orm';
import { immediate, type Db } from '../db';
import { prepared } from '../db/prepared';
import { booking } from '../db/schema';
import { record } from '../audit';
import { notifyCancelled, notifyCancelledByFamily, withdrawReminders } from '../notifications';
import { dropFor, subject } from '../outbox';
import { actor, actsForPerson, staffCovers } from './access';
import { bookIn, bookingById, type BookResult } from './book';
import { beforeCancelCutoff } from './rules';
import { changeBookedCount, loadSlot, type SlotContext } from './slot-context';
import { promoteWaiting } from './waitlist';

export interface CancelInput {
	bookingId: number;
	byUserId: number;
	reason?: string;
	now?: number;
	/** staff (of the service point's community) cancel on a resident's behalf, inside the cut-off too */
	asStaff?: boolean;
}

export type CancelResult =
	| { status: 'ok'; promotedBookingIds: number[] }
	| { status: 'too_late'; phone: string; cancelCutoffMinutes: number }
	| { status: 'not_active' }
	| { status: 'not_found' }
	| { status: 'forbidden' };

export function cancel(db: Db, input: CancelInput): CancelResult {
	return immediate(db, (tx) => cancelIn(tx, input));
}

/** Marks a booking cancelled, gives its place to the first in line and takes back its reminders. */
export function releaseBooking(
	tx: Db,
	row: { id: number; status: string },
	slotCtx: SlotContext,
	detail: { byUserId: number | null; reason: string | null; now: number; action: string }
): void {
	prepared(tx, 'releaseBooking', ($) =>
		tx
			.update(booking)
			// raw placeholders in set: the stored values (epoch milliseconds)
			.set({
				status: 'cancelled',
				statusChangedAt: sql`${$.now}`,
				cancelledByUserId: sql`${$.byUserId}`,
				cancelReason: sql`${$.reason}`
			})
			.where(eq(booking.id, $.id))
	).run({
		id: row.id,
		now: detail.now,
		byUserId: detail.byUserId,
		reason: detail.reason
	});
	changeBookedCount(tx, slotCtx.id, -1);
	dropFor(tx, { subject: subject('booking', row.id) });
	withdrawReminders(tx, row.id, detail.now);
	record(tx, {
		actorUserId: detail.byUserId,
		action: detail.action,
		entity: 'booking',
		entityId: row.id,
		detail: { from: row.status, to: 'cancelled', reason: detail.reason },
		now: detail.now
	});
}

function cancelIn(tx: Db, input: CancelInput): CancelResult {
	const now = input.now ?? Date.now();
	const row = bookingById(tx, input.bookingId);
	if (!row) return { status: 'not_found' };
	const slotCtx = loadSlot(tx, row.slotId)!;
	const by = actor(tx, input.byUserId);
	const staff =
		input.asStaff === true && by !== null && staffCovers(tx, by, slotCtx.point.communityCode);
	// The person or a carer linked to them now; having booked it is not enough (the link may have ended).
	const resident =
		!input.asStaff && row.userId !== null && actsForPerson(tx, input.byUserId, row.userId);
	if (!staff && !resident) return { status: 'forbidden' };
	if (row.status !== 'booked' || slotCtx.endsAt <= now) return { status: 'not_active' };
	if (!staff && !beforeCancelCutoff(slotCtx.startsAt, slotCtx.point.cancelCutoffMinutes, now))
		return {
			status: 'too_late',
			phone: slotCtx.point.phone,
			cancelCutoffMinutes: slotCtx.point.cancelCutoffMinutes
		};
	const reason = input.reason?.trim() || null;
	releaseBooking(tx, row, slotCtx, {
		byUserId: input.byUserId,
		reason,
		now,
		action: staff ? 'booking.cancel_by_staff' : 'booking.cancel'
	});
	if (staff && row.userId !== input.byUserId)
		notifyCancelled(tx, {
			bookingId: row.id,
			slot: slotCtx,
			kind: 'booking_cancelled_by_staff',
			reason: reason ?? '',
			now
		});
	else if (!staff)
		notifyCancelledByFamily(tx, {
			bookingId: row.id,
			slot: slotCtx,
			byUserId: input.byUserId,
			now
		});
	return { status: 'ok', promotedBookingIds: promoteWaiting(tx, loadSlot(tx, slotCtx.id)!, now) };
}

class Rollback extends Error {
	constructor(readonly result: RebookResult) {
		super('rebook rolled back');
	}
}

export type RebookResult =
	| { status: 'ok'; booking: Extract<BookResult, { status: 'ok' }>['booking']; code: string }
	| Exclude<CancelResult, { status: 'ok' }>
	| Exclude<BookResult, { status: 'ok' }>;

/**
 * Moves a booking to another slot atomically: the old place is released only if the new one is booked
 * (the old booking counts neither against the per-person limit nor as a duplicate while moving).
 */
export function rebook(
	db: Db,
	input: { bookingId: number; slotId: number; byUserId: number; now?: number }
): RebookResult {
	try {
		return immediate(db, (tx) => {
			const old = bookingById(tx, input.bookingId);
			if (!old) return { status: 'not_found' } as const;
			const cancelled = cancelIn(tx, { ...input, reason: 'rebooked' });
			if (cancelled.status !== 'ok') throw new Rollback(cancelled);
			const booked = bookIn(tx, {
				slotId: input.slotId,
				forUserId: old.userId ?? undefined,
				byUserId: input.byUserId,
				now: input.now
			});
			if (booked.status !== 'ok') throw new Rollback(booked);
			return booked;
		});
	} catch (error) {
		if (error instanceof Rollback) return error.result;
		throw error;
	}
}
