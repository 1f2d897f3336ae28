import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { servicePoint, slot } from '../db/schema';
import {
	effectiveCapacity,
	isAssisted,
	placesLeft,
	withinHorizon,
	withinNotice,
	type Channel
} from './rules';
import { isClosed, loadSlot, selfServiceBooked } from './slot-context';
import { groupBy } from '$lib/group-by';
import { addDays, localDate, localMidnight } from '$lib/time';

export interface SlotAvailability {
	id: number;
	startsAt: number;
	endsAt: number;
	capacity: number;
	/** places this channel may still book */
	free: number;
}

export interface DayOfSlots {
	date: string;
	slots: SlotAvailability[];
}

/**
 * The bookable slots of a service point between two local dates (inclusive), with the places left for the
 * given channel (online by default: the places kept for phone and desk bookings are not offered).
 * Full slots are included with free = 0 so that people can join their waitlist.
 */
export function slotsBetween(
	db: Db,
	servicePointId: number,
	options: { from?: string; to?: string; now?: number; channel?: Channel }
): SlotAvailability[] | null {
	const now = options.now ?? Date.now();
	// both queries run on every service point page view: kept prepared
	const point = prepared(db, 'availabilityPoint', ($) =>
		db
			.select({
				active: servicePoint.active,
				minNoticeMinutes: servicePoint.minNoticeMinutes,
				horizon: servicePoint.bookingHorizonDays
			})
			.from(servicePoint)
			.where(eq(servicePoint.id, $.id))
	).get({ id: servicePointId });
	if (!point) return null;
	if (!point.active) return [];
	const from = options.from ?? localDate(now);
	const to = options.to ?? addDays(localDate(now), point.horizon);
	const rows = prepared(db, 'availabilitySlots', ($) =>
		db
			.select()
			.from(slot)
			.where(
				and(
					eq(slot.servicePointId, $.id),
					gte(slot.startsAt, $.from),
					lt(slot.startsAt, $.to),
					isNull(slot.cancelledAt)
				)
			)
			.orderBy(asc(slot.startsAt))
	)
		// placeholders in a where clause are bound as given: the stored milliseconds
		.all({
			id: servicePointId,
			from: Math.max(localMidnight(from), now),
			to: localMidnight(addDays(to, 1))
		})
		// the rules the booking service applies, so nothing is offered that it would refuse
		.filter(
			(row) =>
				withinNotice(row.startsAt.getTime(), point.minNoticeMinutes, now) &&
				(isAssisted(options.channel ?? 'online') ||
					withinHorizon(row.startsAt.getTime(), point.horizon, now))
		);
	const selfService = selfServiceBooked(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((row) => ({
		id: row.id,
		startsAt: row.startsAt.getTime(),
		endsAt: row.endsAt.getTime(),
		capacity: effectiveCapacity(row),
		free: placesLeft(row, selfService.get(row.id) ?? 0, options.channel ?? 'online')
	}));
}

export function slotsByDay(slots: SlotAvailability[]): DayOfSlots[] {
	return [...groupBy(slots, (s) => localDate(s.startsAt))].map(([date, daySlots]) => ({
		date,
		slots: daySlots
	}));
}

/** The next slots with places free for online booking (the service point page's short list). */
export function nextFreeSlots(
	db: Db,
	servicePointId: number,
	now: number,
	limit = 8
): SlotAvailability[] {
	return (slotsBetween(db, servicePointId, { now }) ?? [])
		.filter((s) => s.free > 0)
		.slice(0, limit);
}

export interface SlotOffer extends SlotAvailability {
	servicePointId: number;
	servicePointName: string;
	address: string;
	phone: string;
	/** the rules shown before confirming: book at least this long ahead, cancel online until this */
	minNoticeMinutes: number;
	cancelCutoffMinutes: number;
	/** open, and still before the minimum notice */
	bookable: boolean;
}

/** One slot as the booking confirmation page shows it. */
export function slotOffer(
	db: Db,
	slotId: number,
	now = Date.now(),
	channel: Channel = 'online'
): SlotOffer | null {
	const context = loadSlot(db, slotId);
	if (!context) return null;
	const selfService = selfServiceBooked(db, [slotId]).get(slotId) ?? 0;
	return {
		id: context.id,
		startsAt: context.startsAt,
		endsAt: context.endsAt,
		capacity: effectiveCapacity(context),
		free: placesLeft(context, selfService, channel),
		servicePointId: context.point.id,
		servicePointName: context.point.name,
		address: context.point.address,
		phone: context.point.phone,
		minNoticeMinutes: context.point.minNoticeMinutes,
		cancelCutoffMinutes: context.point.cancelCutoffMinutes,
		bookable:
			!isClosed(db, context) &&
			withinNotice(context.startsAt, context.point.minNoticeMinutes, now) &&
			(isAssisted(channel) ||
				withinHorizon(context.startsAt, context.point.bookingHorizonDays, now))
	};
}
