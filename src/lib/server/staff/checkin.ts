import { and, eq, inArray } from 'drizzle-orm';
import { immediate, type Db } from '../db';
import { booking, notification, rating, servicePoint, user } from '../db/schema';
import { actor, loadSlot, normaliseBookingCode, setStatus, staffCovers } from '../booking';
import { notifyRatingRequested } from '../notifications';
import { record } from '../audit';
import { localDate } from '$lib/time';

export type CheckInResult =
	| { status: 'ok'; bookingId: number; name: string }
	| { status: 'invalid_code' }
	| { status: 'not_found' }
	| { status: 'forbidden' }
	/** the code was used before: when */
	| { status: 'already'; at: number | null }
	| { status: 'cancelled' }
	| { status: 'no_show' }
	/** the booking is for another day */
	| { status: 'wrong_day'; startsAt: number }
	| EarlyRefusal;

/** Earlier than the service point allows without a second look: the staff member confirms. */
export interface EarlyRefusal {
	status: 'early';
	bookingId: number;
	startsAt: number;
	minutesEarly: number;
}

export type MarkResult =
	| { status: 'ok' }
	| { status: 'not_found' }
	| { status: 'forbidden' }
	| { status: 'not_active' }
	/** a no-show is only known once the slot has ended */
	| { status: 'too_early'; endsAt: number }
	| EarlyRefusal
	/** undo only on the same day, and not once the person has rated the visit */
	| { status: 'not_undoable' };

/**
 * A check-in long before the slot is more often the wrong code or the wrong day than an early
 * arrival: past the point's `early_check_in_minutes` it needs `confirmEarly`.
 */
function earlyRefusal(
	tx: Db,
	bookingId: number,
	slotCtx: { startsAt: number; point: { id: number } },
	now: number
): EarlyRefusal | null {
	const allowed =
		tx
			.select({ minutes: servicePoint.earlyCheckInMinutes })
			.from(servicePoint)
			.where(eq(servicePoint.id, slotCtx.point.id))
			.get()?.minutes ?? 60;
	const minutesEarly = Math.floor((slotCtx.startsAt - now) / 60_000);
	if (slotCtx.startsAt - now <= allowed * 60_000) return null;
	return { status: 'early', bookingId, startsAt: slotCtx.startsAt, minutesEarly };
}

/** Marks attended (through the booking service) and asks the person for a rating, in one transaction. */
function attend(tx: Db, bookingId: number, byUserId: number, now: number): MarkResult {
	const done = setStatus(tx, { bookingId, status: 'attended', byUserId, now });
	if (done.status !== 'ok') return done;
	const row = tx
		.select({ slotId: booking.slotId })
		.from(booking)
		.where(eq(booking.id, bookingId))
		.get()!;
	notifyRatingRequested(tx, { bookingId, slot: loadSlot(tx, row.slotId)!, now });
	return { status: 'ok' };
}

/**
 * Check-in at the door by the booking code (typed or scanned). A code of another community's service point
 * reads as unknown (its existence is not revealed); a used, cancelled or other-day code says so.
 */
export function checkInByCode(
	db: Db,
	input: { code: string; byUserId: number; now?: number; confirmEarly?: boolean }
): CheckInResult {
	const code = normaliseBookingCode(input.code);
	if (!code) return { status: 'invalid_code' };
	return immediate(db, (tx) => {
		const now = input.now ?? Date.now();
		const id = tx.select({ id: booking.id }).from(booking).where(eq(booking.code, code)).get()?.id;
		const found = id === undefined ? null : inScope(tx, id, input.byUserId);
		// out of scope reads as unknown too
		if (found?.status !== 'ok') return { status: 'not_found' };
		const { row, slotCtx } = found;
		if (row.status === 'attended')
			return { status: 'already', at: row.statusChangedAt?.getTime() ?? null };
		if (row.status === 'cancelled') return { status: 'cancelled' };
		if (row.status === 'no_show') return { status: 'no_show' };
		if (localDate(slotCtx.startsAt) !== localDate(now))
			return { status: 'wrong_day', startsAt: slotCtx.startsAt };
		const early = input.confirmEarly ? null : earlyRefusal(tx, row.id, slotCtx, now);
		if (early) return early;
		const done = attend(tx, row.id, input.byUserId, now);
		if (done.status !== 'ok') return { status: 'forbidden' };
		const name = bookingName(tx, row.id);
		return { status: 'ok', bookingId: row.id, name };
	});
}

function bookingName(tx: Db, bookingId: number): string {
	const row = tx
		.select({ guestName: booking.guestName, personName: user.name })
		.from(booking)
		.leftJoin(user, eq(user.id, booking.userId))
		.where(eq(booking.id, bookingId))
		.get();
	return row?.personName ?? row?.guestName ?? '';
}

/** Staff scope check for a booking by id: its slot, or why not. */
function inScope(tx: Db, bookingId: number, byUserId: number) {
	const row = tx.select().from(booking).where(eq(booking.id, bookingId)).get();
	if (!row) return { status: 'not_found' as const };
	const slotCtx = loadSlot(tx, row.slotId)!;
	const by = actor(tx, byUserId);
	if (!by || !staffCovers(tx, by, slotCtx.point.communityCode))
		return { status: 'forbidden' as const };
	return { status: 'ok' as const, row, slotCtx };
}

type InScope = Extract<ReturnType<typeof inScope>, { status: 'ok' }>;

/** A status change from the day list: in one transaction, on a booking the staff member covers. */
function markInScope(
	db: Db,
	input: { bookingId: number; byUserId: number; now?: number },
	mark: (tx: Db, found: InScope, now: number) => MarkResult
): MarkResult {
	return immediate(db, (tx) => {
		const now = input.now ?? Date.now();
		const found = inScope(tx, input.bookingId, input.byUserId);
		if (found.status !== 'ok') return found;
		return mark(tx, found, now);
	});
}

/** Check-in from the day list (the person is there but has no slip). */
export function markAttended(
	db: Db,
	input: { bookingId: number; byUserId: number; now?: number; confirmEarly?: boolean }
): MarkResult {
	return markInScope(db, input, (tx, found, now) => {
		if (found.row.status !== 'booked') return { status: 'not_active' };
		const early = input.confirmEarly ? null : earlyRefusal(tx, input.bookingId, found.slotCtx, now);
		if (early) return early;
		return attend(tx, input.bookingId, input.byUserId, now);
	});
}

/** A no-show, only after the slot has ended (before that the person may still come). */
export function markNoShow(
	db: Db,
	input: { bookingId: number; byUserId: number; now?: number }
): MarkResult {
	return markInScope(db, input, (tx, found, now) => {
		if (found.row.status !== 'booked') return { status: 'not_active' };
		if (now < found.slotCtx.endsAt) return { status: 'too_early', endsAt: found.slotCtx.endsAt };
		const done = setStatus(tx, {
			bookingId: input.bookingId,
			status: 'no_show',
			byUserId: input.byUserId,
			now
		});
		return done.status === 'ok' ? { status: 'ok' } : done;
	});
}

/**
 * Takes back a check-in or a no-show made by mistake, on the same local day it was made. The rating request
 * of a check-in is withdrawn; once the person has rated, the check-in stands.
 */
export function undoStatus(
	db: Db,
	input: { bookingId: number; byUserId: number; now?: number }
): MarkResult {
	return markInScope(db, input, (tx, found, now) => {
		const { row } = found;
		if (row.status !== 'attended' && row.status !== 'no_show') return { status: 'not_active' };
		const changedAt = row.statusChangedAt?.getTime();
		if (changedAt === undefined || localDate(changedAt) !== localDate(now))
			return { status: 'not_undoable' };
		if (tx.select({ id: rating.id }).from(rating).where(eq(rating.bookingId, row.id)).get())
			return { status: 'not_undoable' };
		tx.update(booking)
			.set({ status: 'booked', statusChangedAt: new Date(now) })
			.where(eq(booking.id, row.id))
			.run();
		if (row.status === 'attended') withdrawRatingRequest(tx, row);
		record(tx, {
			actorUserId: input.byUserId,
			action: 'booking.undo',
			entity: 'booking',
			entityId: row.id,
			detail: { from: row.status, to: 'booked' },
			now
		});
		return { status: 'ok' };
	});
}

function withdrawRatingRequest(
	tx: Db,
	row: { id: number; userId: number | null; bookedByUserId: number | null }
): void {
	const people = [row.userId, row.bookedByUserId].filter((id): id is number => id !== null);
	if (people.length === 0) return;
	const ids = tx
		.select({ id: notification.id, payload: notification.payload })
		.from(notification)
		.where(and(eq(notification.kind, 'rating_requested'), inArray(notification.userId, people)))
		.all()
		.filter((n) => n.payload.bookingId === row.id)
		.map((n) => n.id);
	if (ids.length > 0) tx.delete(notification).where(inArray(notification.id, ids)).run();
}
