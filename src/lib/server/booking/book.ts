import { and, count, eq, gt, ne, type SQL } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { prepared } from '../db/prepared';
import { booking, slot, user, waitlistEntry } from '../db/schema';
import { actor, staffCovers, type Actor } from './access';
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
	selfServiceBookedOf,
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

/**
 * Books a place. Capacity is checked and the booking inserted in one transaction (which waits for
 * the write lock without blocking the event loop, and on PostgreSQL retries a serialization failure).
 */
export function book(db: Db, input: BookInput): Promise<BookResult> {
	return transaction(db, (tx) => bookIn(tx, input));
}

/** A booking by id (cancelling, rebooking, checking in). */
export async function bookingById(tx: Db, bookingId: number): Promise<BookingRow | undefined> {
	const [row] = await prepared(tx, 'bookingById', ($) =>
		tx.select().from(booking).where(eq(booking.id, $.bookingId))
	).execute({ bookingId });
	return row;
}

async function channelAllowed(
	tx: Db,
	input: BookInput,
	by: Actor | null,
	channel: Channel,
	slotCtx: SlotContext
): Promise<boolean> {
	if (!by) return false;
	if (isAssisted(channel)) return staffCovers(tx, by, slotCtx.point.communityCode);
	if (input.guest) return false;
	const forUserId = input.forUserId ?? input.byUserId;
	if (channel === 'online') return forUserId === input.byUserId;
	return forUserId !== input.byUserId && (await isCarerOf(tx, input.byUserId, forUserId));
}

/**
 * The person booked for (or the booker, for a guest) by id, deleted accounts too (they exist, but
 * cannot act): one read where there were two (does the person exist, may the booker act), since the
 * usual booking is for oneself.
 */
async function personOf(tx: Db, userId: number) {
	const [row] = await prepared(tx, 'bookingPerson', ($) =>
		tx
			.select({ id: user.id, role: user.role, name: user.name, deletedAt: user.deletedAt })
			.from(user)
			.where(eq(user.id, $.userId))
	).execute({ userId });
	if (!row) return undefined;
	const asActor: Actor | null =
		row.deletedAt === null ? { id: row.id, role: row.role, name: row.name } : null;
	return { asActor };
}

async function activeFutureBookings(tx: Db, userId: number, now: number): Promise<number> {
	// placeholders in a where clause are bound as given: the stored milliseconds
	const [row] = await prepared(tx, 'activeFutureBookings', ($) =>
		bookedQuery(tx, and(eq(booking.userId, $.userId), gt(slot.startsAt, $.now)))
	).execute({ userId, now });
	return row?.n ?? 0;
}

/** Bookings still booked whose booking and slot match `condition` (a person's future ones, a point's). */
function bookedQuery(tx: Db, condition: SQL | undefined) {
	return tx
		.select({ n: count() })
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(and(eq(booking.status, 'booked'), condition));
}

export async function countBooked(tx: Db, condition: SQL | undefined): Promise<number> {
	const [row] = await bookedQuery(tx, condition);
	return row?.n ?? 0;
}

export async function uniqueCode(tx: Db): Promise<string> {
	const taken = prepared(tx, 'codeTaken', ($) =>
		tx.select({ id: booking.id }).from(booking).where(eq(booking.code, $.code))
	);
	for (;;) {
		const code = newBookingCode();
		if ((await taken.execute({ code })).length === 0) return code;
	}
}

/** The person's booking of the slot that is not cancelled, if any. */
export async function activeBookingOf(
	tx: Db,
	slotId: number,
	userId: number
): Promise<number | null> {
	// at most one (a partial unique index), the rule this read checks before inserting
	const [row] = await prepared(tx, 'activeBookingOf', ($) =>
		tx
			.select({ id: booking.id })
			.from(booking)
			.where(
				and(
					eq(booking.slotId, $.slotId),
					eq(booking.userId, $.userId),
					ne(booking.status, 'cancelled')
				)
			)
	).execute({ slotId, userId });
	return row?.id ?? null;
}

/** The booking decision inside an open transaction (also used by rebooking). */
export async function bookIn(tx: Db, input: BookInput): Promise<BookResult> {
	const now = input.now ?? Date.now();
	const slotCtx = await loadSlot(tx, input.slotId);
	if (!slotCtx) return { status: 'not_found' };
	const forUserId = input.guest ? null : (input.forUserId ?? input.byUserId);
	const channel = input.channel ?? (forUserId === input.byUserId ? 'online' : 'proxy');
	const person = await personOf(tx, forUserId ?? input.byUserId);
	if (forUserId !== null && !person) return { status: 'not_found' };
	const by =
		forUserId === null || forUserId === input.byUserId
			? (person?.asActor ?? null)
			: await actor(tx, input.byUserId);
	if (!(await channelAllowed(tx, input, by, channel, slotCtx))) return { status: 'forbidden' };
	if (await isClosed(tx, slotCtx)) return { status: 'closed' };
	if (!bookableNow(slotCtx, slotCtx.point.minNoticeMinutes, channel, now))
		return { status: 'too_late', minNoticeMinutes: slotCtx.point.minNoticeMinutes };
	if (
		!isAssisted(channel) &&
		!withinHorizon(slotCtx.startsAt, slotCtx.point.bookingHorizonDays, now)
	)
		return { status: 'beyond_horizon', horizonDays: slotCtx.point.bookingHorizonDays };
	if (forUserId !== null) {
		const existing = await activeBookingOf(tx, slotCtx.id, forUserId);
		if (existing !== null) return { status: 'duplicate', bookingId: existing };
		const limit = personLimit();
		if (!isAssisted(channel) && (await activeFutureBookings(tx, forUserId, now)) >= limit)
			return { status: 'limit', limit };
	}
	// Counting the slot's online bookings is needed only when places are kept for phone and desk.
	const quotaApplies = slotCtx.reservedForAssisted > 0 && !isAssisted(channel);
	const selfService = quotaApplies ? await selfServiceBookedOf(tx, slotCtx.id) : 0;
	if (placesLeft(slotCtx, selfService, channel) < 1)
		return { status: 'full', waitlistOpen: forUserId !== null };
	return {
		status: 'ok',
		...(await insertBooking(tx, slotCtx, { forUserId, channel, input, now }))
	};
}

export async function insertBooking(
	tx: Db,
	slotCtx: SlotContext,
	details: {
		forUserId: number | null;
		channel: Channel;
		input: Pick<BookInput, 'guest' | 'byUserId'>;
		now: number;
		promoted?: boolean;
	}
): Promise<{ booking: BookingRow; code: string }> {
	const code = await uniqueCode(tx);
	const [row] = await prepared(tx, 'insertBooking', ($) =>
		tx
			.insert(booking)
			.values({
				slotId: $.slotId,
				userId: $.userId,
				guestName: $.guestName,
				guestPhone: $.guestPhone,
				bookedByUserId: $.byUserId,
				channel: $.channel,
				code: $.code,
				createdAt: $.now,
				statusChangedAt: $.now
			})
			.returning()
	).execute({
		slotId: slotCtx.id,
		userId: details.forUserId,
		guestName: details.input.guest?.name ?? null,
		guestPhone: details.input.guest?.phone ?? null,
		byUserId: details.input.byUserId,
		channel: details.channel,
		code,
		now: new Date(details.now)
	});
	await changeBookedCount(tx, slotCtx.id, 1);
	// A person booked another way (by phone, by a carer) leaves the slot's waitlist.
	if (details.forUserId !== null && !details.promoted)
		await prepared(tx, 'leaveOnBooking', ($) =>
			tx
				.update(waitlistEntry)
				.set({ status: 'left' })
				.where(
					and(
						eq(waitlistEntry.slotId, $.slotId),
						eq(waitlistEntry.userId, $.userId),
						eq(waitlistEntry.status, 'waiting')
					)
				)
		).execute({ slotId: slotCtx.id, userId: details.forUserId });
	if (isAssisted(details.channel))
		await record(tx, {
			actorUserId: details.input.byUserId,
			action: 'booking.create',
			entity: 'booking',
			entityId: row.id,
			detail: { channel: details.channel, slotId: slotCtx.id, guest: details.forUserId === null },
			now: details.now
		});
	await notifyBooked(tx, {
		bookingId: row.id,
		code,
		slot: slotCtx,
		promoted: details.promoted ?? false,
		now: details.now,
		booking: row
	});
	return { booking: row, code };
}
