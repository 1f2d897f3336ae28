import { and, asc, count, eq, gt, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { booking, servicePoint, slot } from '../db/schema';
import {
	effectiveCapacity,
	isAssisted,
	placesLeft,
	withinHorizon,
	withinNotice,
	type Channel
} from './rules';
import { isClosed, loadSlot, selfServiceBooked, selfServiceBookedOf } from './slot-context';
import { groupBy } from '$lib/group-by';
import { addDays, localDate, localMidnight, minuteMs } from '$lib/time';

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

/** What the availability of a service point's slots depends on, kept prepared (every page view). */
async function bookingRulesOf(db: Db, servicePointId: number) {
	const [point] = await prepared(db, 'availabilityPoint', ($) =>
		db
			.select({
				active: servicePoint.active,
				minNoticeMinutes: servicePoint.minNoticeMinutes,
				horizon: servicePoint.bookingHorizonDays
			})
			.from(servicePoint)
			.where(eq(servicePoint.id, $.id))
	).execute({ id: servicePointId });
	return point;
}

function availabilityOf(
	row: typeof slot.$inferSelect,
	selfService: number,
	channel: Channel
): SlotAvailability {
	return {
		id: row.id,
		startsAt: row.startsAt.getTime(),
		endsAt: row.endsAt.getTime(),
		capacity: effectiveCapacity(row),
		free: placesLeft(row, selfService, channel)
	};
}

/**
 * The bookable slots of a service point between two local dates (inclusive), with the places left for the
 * given channel (online by default: the places kept for phone and desk bookings are not offered).
 * Full slots are included with free = 0 so that people can join their waitlist.
 */
export async function slotsBetween(
	db: Db,
	servicePointId: number,
	options: { from?: string; to?: string; now?: number; channel?: Channel }
): Promise<SlotAvailability[] | null> {
	const now = options.now ?? Date.now();
	const channel = options.channel ?? 'online';
	const point = await bookingRulesOf(db, servicePointId);
	if (!point) return null;
	if (!point.active) return [];
	const from = options.from ?? localDate(now);
	const to = options.to ?? addDays(localDate(now), point.horizon);
	const rows = (
		await prepared(db, 'availabilitySlots', ($) =>
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
			.execute({
				id: servicePointId,
				from: Math.max(localMidnight(from), now),
				to: localMidnight(addDays(to, 1))
			})
	)
		// the rules the booking service applies, so nothing is offered that it would refuse
		.filter(
			(row) =>
				withinNotice(row.startsAt.getTime(), point.minNoticeMinutes, now) &&
				(isAssisted(channel) || withinHorizon(row.startsAt.getTime(), point.horizon, now))
		);
	const selfService = await selfServiceBooked(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((row) => availabilityOf(row, selfService.get(row.id) ?? 0, channel));
}

export function slotsByDay(slots: SlotAvailability[]): DayOfSlots[] {
	return [...groupBy(slots, (s) => localDate(s.startsAt))].map(([date, daySlots]) => ({
		date,
		slots: daySlots
	}));
}

/** A slot's online and proxy bookings not cancelled (selfServiceBooked() inside a query). */
function selfServiceCount(db: Db) {
	const counted = db
		.select({ n: count() })
		.from(booking)
		.where(
			and(
				eq(booking.slotId, slot.id),
				ne(booking.status, 'cancelled'),
				inArray(booking.channel, ['online', 'proxy'])
			)
		);
	return sql<number>`(${counted})`.mapWith(Number);
}

/**
 * The next slots with places free for online booking (the service point page's short list, and the
 * map's next free time of every point it lists): slotsBetween() with its default range, only the
 * slots with free > 0, the first `limit` of them. The database stops at the first free ones instead
 * of reading the whole horizon: the rules are conditions of the query (placesLeft() > 0 online is
 * places left in the slot and in the self-service share), the notice a lower bound of the start.
 */
export async function nextFreeSlots(
	db: Db,
	servicePointId: number,
	now: number,
	limit = 8
): Promise<SlotAvailability[]> {
	const point = await bookingRulesOf(db, servicePointId);
	if (!point?.active) return [];
	const capacity = sql`coalesce(${slot.capacityOverride}, ${slot.capacity})`;
	const rows = await prepared(db, 'nextFreeSlots', ($) =>
		db
			.select({ slot, selfService: selfServiceCount(db) })
			.from(slot)
			.where(
				and(
					eq(slot.servicePointId, $.id),
					gte(slot.startsAt, $.from),
					lt(slot.startsAt, $.to),
					isNull(slot.cancelledAt),
					gt(capacity, slot.bookedCount),
					gt(sql`${capacity} - ${slot.reservedForAssisted}`, selfServiceCount(db))
				)
			)
			.orderBy(asc(slot.startsAt))
			.limit($.limit)
	).execute({
		id: servicePointId,
		// withinNotice(), and not before now (nor today, which now is in)
		from: Math.max(now, now + point.minNoticeMinutes * minuteMs),
		// withinHorizon(): before the local day after the horizon's last
		to: localMidnight(addDays(localDate(now), point.horizon + 1)),
		limit
	});
	return rows.map((row) => availabilityOf(row.slot, row.selfService, 'online'));
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
export async function slotOffer(
	db: Db,
	slotId: number,
	now = Date.now(),
	channel: Channel = 'online'
): Promise<SlotOffer | null> {
	const context = await loadSlot(db, slotId);
	if (!context) return null;
	const selfService = await selfServiceBookedOf(db, slotId);
	const closed = await isClosed(db, context);
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
			!closed &&
			withinNotice(context.startsAt, context.point.minNoticeMinutes, now) &&
			(isAssisted(channel) ||
				withinHorizon(context.startsAt, context.point.bookingHorizonDays, now))
	};
}
