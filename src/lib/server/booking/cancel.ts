import { eq, sql } from 'drizzle-orm';
import { transaction, type Db } from '../db';
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

export function cancel(db: Db, input: CancelInput): Promise<CancelResult> {
	return transaction(db, (tx) => cancelIn(tx, input));
}

/** Marks a booking cancelled, gives its place to the first in line and takes back its reminders. */
export async function releaseBooking(
	tx: Db,
	row: { id: number; status: string },
	slotCtx: SlotContext,
	detail: { byUserId: number | null; reason: string | null; now: number; action: string }
): Promise<void> {
	await prepared(tx, 'releaseBooking', ($) =>
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
	).execute({
		id: row.id,
		now: detail.now,
		byUserId: detail.byUserId,
		reason: detail.reason
	});
	await changeBookedCount(tx, slotCtx.id, -1);
	await dropFor(tx, { subject: subject('booking', row.id) });
	await withdrawReminders(tx, row.id, detail.now);
	await record(tx, {
		actorUserId: detail.byUserId,
		action: detail.action,
		entity: 'booking',
		entityId: row.id,
		detail: { from: row.status, to: 'cancelled', reason: detail.reason },
		now: detail.now
	});
}

async function cancelIn(tx: Db, input: CancelInput): Promise<CancelResult> {
	const now = input.now ?? Date.now();
	const row = await bookingById(tx, input.bookingId);
	if (!row) return { status: 'not_found' };
	const slotCtx = (await loadSlot(tx, row.slotId))!;
	const by = await actor(tx, input.byUserId);
	const staff =
		input.asStaff === true &&
		by !== null &&
		(await staffCovers(tx, by, slotCtx.point.communityCode));
	// The person or a carer linked to them now; having booked it is not enough (the link may have ended).
	const resident =
		!input.asStaff && row.userId !== null && (await actsForPerson(tx, input.byUserId, row.userId));
	if (!staff && !resident) return { status: 'forbidden' };
	if (row.status !== 'booked' || slotCtx.endsAt <= now) return { status: 'not_active' };
	if (!staff && !beforeCancelCutoff(slotCtx.startsAt, slotCtx.point.cancelCutoffMinutes, now))
		return {
			status: 'too_late',
			phone: slotCtx.point.phone,
			cancelCutoffMinutes: slotCtx.point.cancelCutoffMinutes
		};
	const reason = input.reason?.trim() || null;
	await releaseBooking(tx, row, slotCtx, {
		byUserId: input.byUserId,
		reason,
		now,
		action: staff ? 'booking.cancel_by_staff' : 'booking.cancel'
	});
	if (staff && row.userId !== input.byUserId)
		await notifyCancelled(tx, {
			bookingId: row.id,
			slot: slotCtx,
			kind: 'booking_cancelled_by_staff',
			reason: reason ?? '',
			now
		});
	else if (!staff)
		await notifyCancelledByFamily(tx, {
			bookingId: row.id,
			slot: slotCtx,
			byUserId: input.byUserId,
			now
		});
	const promotedBookingIds = await promoteWaiting(tx, (await loadSlot(tx, slotCtx.id))!, now);
	return { status: 'ok', promotedBookingIds };
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
export async function rebook(
	db: Db,
	input: { bookingId: number; slotId: number; byUserId: number; now?: number }
): Promise<RebookResult> {
	try {
		return await transaction(db, async (tx): Promise<RebookResult> => {
			const old = await bookingById(tx, input.bookingId);
			if (!old) return { status: 'not_found' };
			const cancelled = await cancelIn(tx, { ...input, reason: 'rebooked' });
			if (cancelled.status !== 'ok') throw new Rollback(cancelled);
			const booked = await bookIn(tx, {
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
