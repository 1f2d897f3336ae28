import { and, count, eq, gt, ne, type SQL } from 'drizzle-orm';
import { immediate, type Db } from '../db';
import { booking, slot, user, waitlistEntry } from '../db/schema';
import { actor, staffCovers } from './access';
import { isCarerOf } from '../accounts/family';
import { record } from '../audit';
import { notifyBooked } from '../notifications';
import { newBookingCode } from './code';
import {
	bookableNow,
	isAssisted,
	personLimit,
	placesLeft,
	withinHorizon,
	type Channel
} from './rules';
import {
	changeBookedCount,
	isClosed,
	loadSlot,
	selfServiceBooked,
	type SlotContext
} from './slot-context';

export type BookingRow = typeof booking.$inferSelect;

export interface BookInput {
	slotId: number;
	/** the resident the appointment is for (default: the booker) */
	forUserId?: number;
	/** a person without an account, booked by staff on the phone or at the desk */
	guest?: { name: string; phone: string };
	byUserId: number;
	/** default: online for oneself, proxy for someone else */
	channel?: Channel;
	now?: number;
}

export type BookResult =
	| { status: 'ok'; booking: BookingRow; code: string }
	| { status: 'full'; waitlistOpen: boolean }
	| { status: 'duplicate'; bookingId: number }
	| { status: 'limit'; limit: number }
	| { status: 'too_late'; minNoticeMinutes: number }
	| { status: 'beyond_horizon'; horizonDays: number }
	| { status: 'closed' }
	| { status: 'not_found' }
	| { status: 'forbidden' };

/** Books a place. Capacity is checked and the booking inserted in one immediate transaction. */
export function book(db: Db, input: BookInput): BookResult {
	return immediate(db, (tx) => bookIn(tx, input));
}

function channelAllowed(tx: Db, input: BookInput, channel: Channel, slotCtx: SlotContext): boolean {
	const by = actor(tx, input.byUserId);
	if (!by) return false;
	if (isAssisted(channel)) return staffCovers(tx, by, slotCtx.point.communityCode);
	if (input.guest) return false;
	const forUserId = input.forUserId ?? input.byUserId;
	if (channel === 'online') return forUserId === input.byUserId;
	return forUserId !== input.byUserId && isCarerOf(tx, input.byUserId, forUserId);
}

/** Bookings still booked whose booking and slot match `condition` (a person's future ones, a point's). */
export function countBooked(tx: Db, condition: SQL | undefined): number {
	return (
		tx
			.select({ n: count() })
			.from(booking)
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.where(and(eq(booking.status, 'booked'), condition))
			.get()?.n ?? 0
	);
}

function activeFutureBookings(tx: Db, userId: number, now: number): number {
	return countBooked(tx, and(eq(booking.userId, userId), gt(slot.startsAt, new Date(now))));
}

export function uniqueCode(tx: Db): string {
	for (;;) {
		const code = newBookingCode();
		if (!tx.select({ id: booking.id }).from(booking).where(eq(booking.code, code)).get())
			return code;
	}
}

function personExists(tx: Db, userId: number): boolean {
	return tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).get() !== undefined;
}

function activeBookingOf(tx: Db, slotId: number, userId: number): number | null {
	return (
		tx
			.select({ id: booking.id })
			.from(booking)
			.where(
				and(eq(booking.slotId, slotId), eq(booking.userId, userId), ne(booking.status, 'cancelled'))
			)
			.get()?.id ?? null
	);
}

/** The booking decision inside an open transaction (also used by rebooking). */
export function bookIn(tx: Db, input: BookInput): BookResult {
	const now = input.now ?? Date.now();
	const slotCtx = loadSlot(tx, input.slotId);
	if (!slotCtx) return { status: 'not_found' };
	const forUserId = input.guest ? null : (input.forUserId ?? input.byUserId);
	const channel = input.channel ?? (forUserId === input.byUserId ? 'online' : 'proxy');
	if (forUserId !== null && !personExists(tx, forUserId)) return { status: 'not_found' };
	if (!channelAllowed(tx, input, channel, slotCtx)) return { status: 'forbidden' };
	if (isClosed(tx, slotCtx)) return { status: 'closed' };
	if (!bookableNow(slotCtx, slotCtx.point.minNoticeMinutes, channel, now))
		return { status: 'too_late', minNoticeMinutes: slotCtx.point.minNoticeMinutes };
	if (
		!isAssisted(channel) &&
		!withinHorizon(slotCtx.startsAt, slotCtx.point.bookingHorizonDays, now)
	)
		return { status: 'beyond_horizon', horizonDays: slotCtx.point.bookingHorizonDays };
	if (forUserId !== null) {
		const existing = activeBookingOf(tx, slotCtx.id, forUserId);
		if (existing !== null) return { status: 'duplicate', bookingId: existing };
		const limit = personLimit();
		if (!isAssisted(channel) && activeFutureBookings(tx, forUserId, now) >= limit)
			return { status: 'limit', limit };
	}
	// Counting the slot's online bookings is needed only when places are kept for phone and desk.
	const quotaApplies = slotCtx.reservedForAssisted > 0 && !isAssisted(channel);
	const selfService = quotaApplies ? (selfServiceBooked(tx, [slotCtx.id]).get(slotCtx.id) ?? 0) : 0;
	if (placesLeft(slotCtx, selfService, channel) < 1)
		return { status: 'full', waitlistOpen: forUserId !== null };
	return { status: 'ok', ...insertBooking(tx, slotCtx, { forUserId, channel, input, now }) };
}

export function insertBooking(
	tx: Db,
	slotCtx: SlotContext,
	details: {
		forUserId: number | null;
		channel: Channel;
		input: Pick<BookInput, 'guest' | 'byUserId'>;
		now: number;
		promoted?: boolean;
	}
): { booking: BookingRow; code: string } {
	const code = uniqueCode(tx);
	const row = tx
		.insert(booking)
		.values({
			slotId: slotCtx.id,
			userId: details.forUserId,
			guestName: details.input.guest?.name ?? null,
			guestPhone: details.input.guest?.phone ?? null,
			bookedByUserId: details.input.byUserId,
			channel: details.channel,
			code,
			createdAt: new Date(details.now),
			statusChangedAt: new Date(details.now)
		})
		.returning()
		.get();
	changeBookedCount(tx, slotCtx.id, 1);
	// A person booked another way (by phone, by a carer) leaves the slot's waitlist.
	if (details.forUserId !== null && !details.promoted)
		tx.update(waitlistEntry)
			.set({ status: 'left' })
			.where(
				and(
					eq(waitlistEntry.slotId, slotCtx.id),
					eq(waitlistEntry.userId, details.forUserId),
					eq(waitlistEntry.status, 'waiting')
				)
			)
			.run();
	if (isAssisted(details.channel))
		record(tx, {
			actorUserId: details.input.byUserId,
			action: 'booking.create',
			entity: 'booking',
			entityId: row.id,
			detail: { channel: details.channel, slotId: slotCtx.id, guest: details.forUserId === null },
			now: details.now
		});
	notifyBooked(tx, {
		bookingId: row.id,
		code,
		slot: slotCtx,
		promoted: details.promoted ?? false,
		now: details.now
	});
	return { booking: row, code };
}
