import { and, eq, inArray } from 'drizzle-orm';
import { transaction, type Db } from '../db';
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
async function earlyRefusal(
	tx: Db,
	bookingId: number,
	slotCtx: { startsAt: number; point: { id: number } },
	now: number
): Promise<EarlyRefusal | null> {
	const [point] = await tx
		.select({ minutes: servicePoint.earlyCheckInMinutes })
		.from(servicePoint)
		.where(eq(servicePoint.id, slotCtx.point.id))
		.limit(1);
	const allowed = point?.minutes ?? 60;
	const minutesEarly = Math.floor((slotCtx.startsAt - now) / 60_000);
	if (slotCtx.startsAt - now <= allowed * 60_000) return null;
	return { status: 'early', bookingId, startsAt: slotCtx.startsAt, minutesEarly };
}

/** Marks attended (through the booking service) and asks the person for a rating, in one transaction. */
async function attend(
	tx: Db,
	bookingId: number,
	byUserId: number,
	now: number
): Promise<MarkResult> {
	const done = await setStatus(tx, { bookingId, status: 'attended', byUserId, now });
	if (done.status !== 'ok') return done;
	const [row] = await tx
		.select({ slotId: booking.slotId })
		.from(booking)
		.where(eq(booking.id, bookingId))
		.limit(1);
	const slotCtx = (await loadSlot(tx, row.slotId))!;
	await notifyRatingRequested(tx, { bookingId, slot: slotCtx, now });
	return { status: 'ok' };
}

/**
 * Check-in at the door by the booking code (typed or scanned). A code of another community's service point
 * reads as unknown (its existence is not revealed); a used, cancelled or other-day code says so.
 */
export async function checkInByCode(
	db: Db,
	input: { code: string; byUserId: number; now?: number; confirmEarly?: boolean }
): Promise<CheckInResult> {
	const code = normaliseBookingCode(input.code);
	if (!code) return { status: 'invalid_code' };
	return transaction(db, async (tx): Promise<CheckInResult> => {
		const now = input.now ?? Date.now();
		const [byCode] = await tx
			.select({ id: booking.id })
			.from(booking)
			.where(eq(booking.code, code))
			.limit(1);
		const found = byCode === undefined ? null : await inScope(tx, byCode.id, input.byUserId);
		// out of scope reads as unknown too
		if (found?.status !== 'ok') return { status: 'not_found' };
		const { row, slotCtx } = found;
		if (row.status === 'attended')
			return { status: 'already', at: row.statusChangedAt?.getTime() ?? null };
		if (row.status === 'cancelled') return { status: 'cancelled' };
		if (row.status === 'no_show') return { status: 'no_show' };
		if (localDate(slotCtx.startsAt) !== localDate(now))
			return { status: 'wrong_day', startsAt: slotCtx.startsAt };
		const early = input.confirmEarly ? null : await earlyRefusal(tx, row.id, slotCtx, now);
		if (early) return early;
		const done = await attend(tx, row.id, input.byUserId, now);
		if (done.status !== 'ok') return { status: 'forbidden' };
		const name = await bookingName(tx, row.id);
		return { status: 'ok', bookingId: row.id, name };
	});
}

async function bookingName(tx: Db, bookingId: number): Promise<string> {
	const [row] = await tx
		.select({ guestName: booking.guestName, personName: user.name })
		.from(booking)
		.leftJoin(user, eq(user.id, booking.userId))
		.where(eq(booking.id, bookingId))
		.limit(1);
	return row?.personName ?? row?.guestName ?? '';
}

/** Staff scope check for a booking by id: its slot, or why not. */
async function inScope(tx: Db, bookingId: number, byUserId: number) {
	const [row] = await tx.select().from(booking).where(eq(booking.id, bookingId)).limit(1);
	if (!row) return { status: 'not_found' as const };
	const slotCtx = (await loadSlot(tx, row.slotId))!;
	const by = await actor(tx, byUserId);
	if (!by || !(await staffCovers(tx, by, slotCtx.point.communityCode)))
		return { status: 'forbidden' as const };
	return { status: 'ok' as const, row, slotCtx };
}

type InScope = Extract<Awaited<ReturnType<typeof inScope>>, { status: 'ok' }>;

/** A status change from the day list: in one transaction, on a booking the staff member covers. */
function markInScope(
	db: Db,
	input: { bookingId: number; byUserId: number; now?: number },
	mark: (tx: Db, found: InScope, now: number) => Promise<MarkResult>
): Promise<MarkResult> {
	return transaction(db, async (tx) => {
		const now = input.now ?? Date.now();
		const found = await inScope(tx, input.bookingId, input.byUserId);
		if (found.status !== 'ok') return found;
		return mark(tx, found, now);
	});
}

/** Check-in from the day list (the person is there but has no slip). */
export function markAttended(
	db: Db,
	input: { bookingId: number; byUserId: number; now?: number; confirmEarly?: boolean }
): Promise<MarkResult> {
	return markInScope(db, input, async (tx, found, now) => {
		if (found.row.status !== 'booked') return { status: 'not_active' };
		const early = input.confirmEarly
			? null
			: await earlyRefusal(tx, input.bookingId, found.slotCtx, now);
		if (early) return early;
		return attend(tx, input.bookingId, input.byUserId, now);
	});
}

/** A no-show, only after the slot has ended (before that the person may still come). */
export function markNoShow(
	db: Db,
	input: { bookingId: number; byUserId: number; now?: number }
): Promise<MarkResult> {
	return markInScope(db, input, async (tx, found, now) => {
		if (found.row.status !== 'booked') return { status: 'not_active' };
		if (now < found.slotCtx.endsAt) return { status: 'too_early', endsAt: found.slotCtx.endsAt };
		const done = await setStatus(tx, {
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
): Promise<MarkResult> {
	return markInScope(db, input, async (tx, found, now) => {
		const { row } = found;
		if (row.status !== 'attended' && row.status !== 'no_show') return { status: 'not_active' };
		const changedAt = row.statusChangedAt?.getTime();
		if (changedAt === undefined || localDate(changedAt) !== localDate(now))
			return { status: 'not_undoable' };
		const [rated] = await tx
			.select({ id: rating.id })
			.from(rating)
			.where(eq(rating.bookingId, row.id))
			.limit(1);
		if (rated) return { status: 'not_undoable' };
		await tx
			.update(booking)
			.set({ status: 'booked', statusChangedAt: new Date(now) })
			.where(eq(booking.id, row.id));
		if (row.status === 'attended') await withdrawRatingRequest(tx, row);
		await record(tx, {
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

async function withdrawRatingRequest(
	tx: Db,
	row: { id: number; userId: number | null; bookedByUserId: number | null }
): Promise<void> {
	const people = [row.userId, row.bookedByUserId].filter((id): id is number => id !== null);
	if (people.length === 0) return;
	const ids = (
		await tx
			.select({ id: notification.id, payload: notification.payload })
			.from(notification)
			.where(and(eq(notification.kind, 'rating_requested'), inArray(notification.userId, people)))
	)
		.filter((n) => n.payload.bookingId === row.id)
		.map((n) => n.id);
	if (ids.length > 0) await tx.delete(notification).where(inArray(notification.id, ids));
}
