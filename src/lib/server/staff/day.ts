import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { booking, rating, slot, user, waitlistEntry } from '../db/schema';
import { effectiveCapacity } from '../booking';
import { maskPhone } from '$lib/phone';
import { addDays, localDate, localMidnight } from '$lib/time';

export interface DaySlot {
	id: number;
	servicePointId: number;
	startsAt: number;
	endsAt: number;
	capacity: number;
	capacityOverride: number | null;
	bookedCount: number;
	cancelled: boolean;
	cancelReason: string | null;
	waiting: number;
}

/** The slot starts within the local day `date` (from its midnight to the next). */
function startsOn(date: string) {
	return and(
		gte(slot.startsAt, new Date(localMidnight(date))),
		lt(slot.startsAt, new Date(localMidnight(addDays(date, 1))))
	);
}

/** A local day's slots of some service points, with booked/capacity and how many wait. */
export async function slotsOfDay(db: Db, pointIds: number[], date: string): Promise<DaySlot[]> {
	if (pointIds.length === 0) return [];
	const rows = await db
		.select()
		.from(slot)
		.where(and(inArray(slot.servicePointId, pointIds), startsOn(date)))
		.orderBy(asc(slot.startsAt), asc(slot.id));
	const waiting = rows.length
		? new Map(
				(
					await db
						.select({ slotId: waitlistEntry.slotId, n: count() })
						.from(waitlistEntry)
						.where(
							and(
								inArray(
									waitlistEntry.slotId,
									rows.map((r) => r.id)
								),
								eq(waitlistEntry.status, 'waiting')
							)
						)
						.groupBy(waitlistEntry.slotId)
				).map((r) => [r.slotId, r.n])
			)
		: new Map<number, number>();
	return rows.map((s) => ({
		id: s.id,
		servicePointId: s.servicePointId,
		startsAt: s.startsAt.getTime(),
		endsAt: s.endsAt.getTime(),
		capacity: effectiveCapacity(s),
		capacityOverride: s.capacityOverride,
		bookedCount: s.bookedCount,
		cancelled: s.cancelledAt !== null,
		cancelReason: s.cancelReason,
		waiting: waiting.get(s.id) ?? 0
	}));
}

export interface DayBooking {
	id: number;
	slotId: number;
	code: string;
	status: 'booked' | 'cancelled' | 'attended' | 'no_show';
	channel: 'online' | 'proxy' | 'phone' | 'desk';
	name: string;
	phoneMasked: string;
	guest: boolean;
	statusChangedAt: number | null;
	cancelReason: string | null;
	rated: boolean;
}

/** Who is coming: the day's bookings of one service point, phones masked. */
export async function bookingsOfDay(
	db: Db,
	servicePointId: number,
	date: string
): Promise<DayBooking[]> {
	const rows = await db
		.select({
			booking,
			personName: user.name,
			personPhone: user.phone,
			ratingId: rating.id
		})
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.leftJoin(user, eq(user.id, booking.userId))
		.leftJoin(rating, eq(rating.bookingId, booking.id))
		.where(and(eq(slot.servicePointId, servicePointId), startsOn(date)))
		.orderBy(asc(slot.startsAt), asc(booking.id));
	return rows.map((row): DayBooking => ({
		id: row.booking.id,
		slotId: row.booking.slotId,
		code: row.booking.code,
		status: row.booking.status,
		channel: row.booking.channel,
		name: row.personName ?? row.booking.guestName ?? '',
		phoneMasked: maskPhone(row.personPhone ?? row.booking.guestPhone ?? ''),
		guest: row.booking.userId === null,
		statusChangedAt: row.booking.statusChangedAt?.getTime() ?? null,
		cancelReason: row.booking.cancelReason,
		rated: row.ratingId !== null
	}));
}

/** Today's local date, or the requested one when it is a valid date. */
export function dayOrToday(requested: string | null, now = Date.now()): string {
	return requested &&
		/^\d{4}-\d{2}-\d{2}$/.test(requested) &&
		localDate(localMidnight(requested)) === requested
		? requested
		: localDate(now);
}
