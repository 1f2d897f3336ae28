import { and, count, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { booking, closure, serviceCategory, servicePoint, slot } from '../db/schema';
import { localDate } from '$lib/time';

/** A slot with the rules of its service point: what every booking decision reads inside its transaction. */
export interface SlotContext {
	id: number;
	startsAt: number;
	endsAt: number;
	capacity: number;
	capacityOverride: number | null;
	reservedForAssisted: number;
	bookedCount: number;
	cancelled: boolean;
	point: {
		id: number;
		name: string;
		address: string;
		phone: string;
		communityCode: string;
		active: boolean;
		minNoticeMinutes: number;
		cancelCutoffMinutes: number;
		bookingHorizonDays: number;
		/** the point's category takes bookings (an administrator may turn this off) */
		bookable: boolean;
	};
}

export async function loadSlot(tx: Db, slotId: number): Promise<SlotContext | null> {
	const [row] = await prepared(tx, 'loadSlot', ($) =>
		tx
			.select({
				slot,
				point: {
					id: servicePoint.id,
					name: servicePoint.name,
					address: servicePoint.address,
					phone: servicePoint.phone,
					communityCode: servicePoint.communityCode,
					active: servicePoint.active,
					minNoticeMinutes: servicePoint.minNoticeMinutes,
					cancelCutoffMinutes: servicePoint.cancelCutoffMinutes,
					bookingHorizonDays: servicePoint.bookingHorizonDays,
					bookable: serviceCategory.bookable
				}
			})
			.from(slot)
			.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
			.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
			.where(eq(slot.id, $.slotId))
	).execute({ slotId });
	if (!row) return null;
	const s = row.slot;
	return {
		id: s.id,
		startsAt: s.startsAt.getTime(),
		endsAt: s.endsAt.getTime(),
		capacity: s.capacity,
		capacityOverride: s.capacityOverride,
		reservedForAssisted: s.reservedForAssisted,
		bookedCount: s.bookedCount,
		cancelled: s.cancelledAt !== null,
		point: row.point
	};
}

/**
 * A slot is closed when it was cancelled, its service point is inactive, its category takes no bookings
 * or a closure covers its day.
 */
export async function isClosed(tx: Db, context: SlotContext): Promise<boolean> {
	if (context.cancelled || !context.point.active || !context.point.bookable) return true;
	const day = localDate(context.startsAt);
	const [covering] = await prepared(tx, 'closureCovering', ($) =>
		tx
			.select({ id: closure.id })
			.from(closure)
			.where(
				and(
					eq(closure.servicePointId, $.pointId),
					lte(closure.startsOn, $.day),
					gte(closure.endsOn, $.day)
				)
			)
	).execute({ pointId: context.point.id, day });
	return covering !== undefined;
}

/** Non-cancelled online and proxy bookings per slot: what the self-service quota is measured against. */
export async function selfServiceBooked(tx: Db, slotIds: number[]): Promise<Map<number, number>> {
	if (slotIds.length === 0) return new Map();
	const rows = await tx
		.select({ slotId: booking.slotId, n: count() })
		.from(booking)
		.where(
			and(
				inArray(booking.slotId, slotIds),
				ne(booking.status, 'cancelled'),
				inArray(booking.channel, ['online', 'proxy'])
			)
		)
		.groupBy(booking.slotId);
	return new Map(rows.map((r) => [r.slotId, r.n]));
}

/** selfServiceBooked() of one slot. */
export async function selfServiceBookedOf(tx: Db, slotId: number): Promise<number> {
	const counts = await selfServiceBooked(tx, [slotId]);
	return counts.get(slotId) ?? 0;
}

export async function changeBookedCount(tx: Db, slotId: number, delta: number): Promise<void> {
	await prepared(tx, 'changeBookedCount', ($) =>
		tx
			.update(slot)
			.set({ bookedCount: sql`${slot.bookedCount} + ${$.delta}` })
			.where(eq(slot.id, $.slotId))
	).execute({ slotId, delta });
}
