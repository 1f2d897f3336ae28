/**
 * The booking rules, as pure functions so that pages, the JSON API and tests agree on every edge.
 * Per service point: minimum notice and cancellation cut-off (columns of service_point); per slot: capacity,
 * capacity override and the places kept for assisted (phone/desk) bookings; per person: a limit of active
 * future bookings (BOOKING_PERSON_LIMIT, default 5).
 */
import { addDays, localDate, minuteMs } from '$lib/time';
import { setting } from '../config';

export type Channel = 'online' | 'proxy' | 'phone' | 'desk';
export const channels = ['online', 'proxy', 'phone', 'desk'] as const;

export function personLimit(): number {
	return setting('BOOKING_PERSON_LIMIT');
}

/** Phone and desk bookings are made by staff for people without a smartphone; they may use every place. */
export function isAssisted(channel: Channel): boolean {
	return channel === 'phone' || channel === 'desk';
}

export interface SlotPlaces {
	capacity: number;
	capacityOverride: number | null;
	reservedForAssisted: number;
	bookedCount: number;
}

export function effectiveCapacity(slot: SlotPlaces): number {
	return slot.capacityOverride ?? slot.capacity;
}

/**
 * Places a channel may still take. Online and proxy bookings together may hold at most
 * capacity − reservedForAssisted places; phone and desk bookings may take any place left.
 * `selfServiceBooked` counts the slot's non-cancelled online and proxy bookings.
 */
export function placesLeft(slot: SlotPlaces, selfServiceBooked: number, channel: Channel): number {
	const capacity = effectiveCapacity(slot);
	const total = Math.max(0, capacity - slot.bookedCount);
	if (isAssisted(channel)) return total;
	const selfServiceCapacity = Math.max(0, capacity - Math.min(slot.reservedForAssisted, capacity));
	return Math.max(0, Math.min(total, selfServiceCapacity - selfServiceBooked));
}

/** A slot may be booked until `minNoticeMinutes` before it starts — exactly at the limit still counts. */
export function withinNotice(startsAt: number, minNoticeMinutes: number, now: number): boolean {
	return now <= startsAt - minNoticeMinutes * minuteMs;
}

/**
 * People book at most `horizonDays` days ahead, as the service point page offers: a slot on the local day
 * today + horizonDays is still bookable, one on the day after is not. Staff booking by phone or at the
 * desk are not bound by it, as they are not by the minimum notice.
 */
export function withinHorizon(startsAt: number, horizonDays: number, now: number): boolean {
	return localDate(startsAt) <= addDays(localDate(now), horizonDays);
}

/** Assisted bookings (a walk-in at the desk) may be made until the slot ends. */
export function bookableNow(
	slot: { startsAt: number; endsAt: number },
	minNoticeMinutes: number,
	channel: Channel,
	now: number
): boolean {
	return isAssisted(channel)
		? now < slot.endsAt
		: withinNotice(slot.startsAt, minNoticeMinutes, now);
}

/** Residents may cancel until `cancelCutoffMinutes` before the start — exactly at the cut-off still counts. */
export function beforeCancelCutoff(
	startsAt: number,
	cancelCutoffMinutes: number,
	now: number
): boolean {
	return now <= startsAt - cancelCutoffMinutes * minuteMs;
}
