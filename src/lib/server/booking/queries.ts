import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { booking, servicePoint, slot, user, waitlistEntry } from '../db/schema';
import { actor, actsForPerson, linkedElders, staffCovers } from './access';
import { beforeCancelCutoff } from './rules';
import { position } from './waitlist';

export interface BookingView {
	id: number;
	code: string;
	status: 'booked' | 'cancelled' | 'attended' | 'no_show';
	channel: 'online' | 'proxy' | 'phone' | 'desk';
	slotId: number;
	startsAt: number;
	endsAt: number;
	forUserId: number | null;
	forName: string;
	bookedByName: string | null;
	cancelReason: string | null;
	servicePoint: {
		id: number;
		name: string;
		address: string;
		phone: string;
		openingText: string;
		lng: number;
		lat: number;
		communityCode: string;
	};
	/** a resident may still cancel it themself (before the cut-off) */
	cancellable: boolean;
	cancelCutoffMinutes: number;
}

const bookedBy = alias(user, 'booked_by');

async function selectViews(
	db: Db,
	where: ReturnType<typeof and>,
	now: number
): Promise<BookingView[]> {
	const rows = await db
		.select({ booking, slot, point: servicePoint, person: user, bookedBy })
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.leftJoin(user, eq(user.id, booking.userId))
		.leftJoin(bookedBy, eq(bookedBy.id, booking.bookedByUserId))
		.where(where)
		// the booking id after the start: one order on both backends when two start together
		.orderBy(desc(slot.startsAt), desc(booking.id));
	return rows.map(({ booking: b, slot: s, point: p, person, bookedBy: by }) => ({
		id: b.id,
		code: b.code,
		status: b.status,
		channel: b.channel,
		slotId: s.id,
		startsAt: s.startsAt.getTime(),
		endsAt: s.endsAt.getTime(),
		forUserId: b.userId,
		forName: person?.name ?? b.guestName ?? '',
		bookedByName: by?.name ?? null,
		cancelReason: b.cancelReason,
		servicePoint: {
			id: p.id,
			name: p.name,
			address: p.address,
			phone: p.phone,
			openingText: p.openingText,
			lng: p.lng,
			lat: p.lat,
			communityCode: p.communityCode
		},
		cancellable:
			b.status === 'booked' && beforeCancelCutoff(s.startsAt.getTime(), p.cancelCutoffMinutes, now),
		cancelCutoffMinutes: p.cancelCutoffMinutes
	}));
}

/** The people whose bookings a resident sees: themself and the elders linked to them. */
export async function peopleOf(db: Db, viewerId: number): Promise<{ id: number; name: string }[]> {
	const self = await actor(db, viewerId);
	return self ? [{ id: self.id, name: self.name }, ...(await linkedElders(db, viewerId))] : [];
}

export interface WaitlistView {
	entryId: number;
	slotId: number;
	startsAt: number;
	endsAt: number;
	forUserId: number;
	forName: string;
	servicePointId: number;
	servicePointName: string;
	position: number;
}

/**
 * My bookings, for me and the elders linked to me now: upcoming (soonest first), past visits (latest
 * first), cancelled ones apart (a booking cancelled this morning is no "past" visit) and waitlists.
 * Who booked a place gives no access: a carer whose link has ended no longer sees what they booked
 * for the elder (issue 14, finding 2).
 */
export async function listForViewer(db: Db, viewerId: number, now = Date.now()) {
	const people = (await peopleOf(db, viewerId)).map((p) => p.id);
	if (people.length === 0) return { upcoming: [], past: [], cancelled: [], waitlist: [] };
	const all = await selectViews(db, and(inArray(booking.userId, people)), now);
	const upcoming = all.filter((b) => b.endsAt > now && b.status === 'booked').reverse();
	const past = all
		.filter((b) => b.status !== 'cancelled' && !(b.endsAt > now && b.status === 'booked'))
		.slice(0, 50);
	const cancelled = all.filter((b) => b.status === 'cancelled').slice(0, 20);
	const waiting = await db
		.select({ entry: waitlistEntry, slot, pointName: servicePoint.name, personName: user.name })
		.from(waitlistEntry)
		.innerJoin(slot, eq(slot.id, waitlistEntry.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.innerJoin(user, eq(user.id, waitlistEntry.userId))
		.where(and(inArray(waitlistEntry.userId, people), eq(waitlistEntry.status, 'waiting')))
		.orderBy(slot.startsAt, waitlistEntry.id);
	const waitlist: WaitlistView[] = [];
	for (const row of waiting.filter((row) => row.slot.endsAt.getTime() > now))
		waitlist.push({
			entryId: row.entry.id,
			slotId: row.slot.id,
			startsAt: row.slot.startsAt.getTime(),
			endsAt: row.slot.endsAt.getTime(),
			forUserId: row.entry.userId!,
			forName: row.personName,
			servicePointId: row.slot.servicePointId,
			servicePointName: row.pointName,
			position: (await position(db, row.entry.id)) ?? 0
		});
	return { upcoming, past, cancelled, waitlist };
}

/**
 * The slots among `slotIds` that a person already holds (a booking not cancelled), with the booking:
 * the slot picker marks them and links to the booking instead of offering them again.
 */
export async function heldSlots(
	db: Db,
	personId: number,
	slotIds: number[]
): Promise<Map<number, number>> {
	if (slotIds.length === 0) return new Map();
	const rows = await db
		.select({ slotId: booking.slotId, bookingId: booking.id })
		.from(booking)
		.where(
			and(
				eq(booking.userId, personId),
				inArray(booking.slotId, slotIds),
				ne(booking.status, 'cancelled')
			)
		);
	return new Map(rows.map((r) => [r.slotId, r.bookingId]));
}

/**
 * One booking, if the viewer may see it: the person, a carer linked to them now, staff of the service
 * point's community, administrators. Null otherwise (the page answers 404, revealing nothing). Having
 * booked it gives no access of its own: the link as it is now decides (issue 14, finding 2).
 */
export async function getForViewer(
	db: Db,
	bookingId: number,
	viewerId: number,
	now = Date.now()
): Promise<BookingView | null> {
	const [view] = await selectViews(db, and(eq(booking.id, bookingId)), now);
	if (!view) return null;
	if (view.forUserId !== null && (await actsForPerson(db, viewerId, view.forUserId))) return view;
	const who = await actor(db, viewerId);
	if (who && (await staffCovers(db, who, view.servicePoint.communityCode))) return view;
	return null;
}
