import { expect, type APIRequestContext } from '@playwright/test';
import { and, asc, desc, eq, gt, isNull, lt, lte, ne, or } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';

const { booking, slot, user } = schema;

/** Demo service points used by the staff tests (胜利社区, served by 13900000011); one per test file. */
export const points = { integration: 192, browser: 89, other: 23 } as const;

const minuteMs = 60_000;
const shanghai = 8 * 3_600_000;

/** Minutes after local (Asia/Shanghai) midnight, and the ISO weekday, now. */
function localNow() {
	const local = new Date(Date.now() + shanghai);
	const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
	const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
	return { minute, weekday };
}

/**
 * Opens today's slots around now at a service point, through the management form (an opening rule for
 * today's weekday, 30-minute slots): returns the slot that is running now.
 */
export async function slotRunningNow(staff: APIRequestContext, pointId: number): Promise<number> {
	const { minute, weekday } = localNow();
	const start = Math.min(Math.floor(minute / 30) * 30, 1410);
	const end = Math.min(start + 120, 1440);
	const hhmm = (m: number) =>
		m === 1440
			? '24:00'
			: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
	const response = await staff.post(`/staff/points/${pointId}/manage?/saveRule`, {
		form: {
			weekday: String(weekday),
			startMinute: hhmm(start),
			endMinute: hhmm(end),
			slotMinutes: '30',
			capacity: '6',
			reservedForAssisted: '1'
		}
	});
	expect(response.status(), 'opening rule saved').toBe(200);
	const now = Date.now();
	const [running, later] = await withServerDb(async (db) => [
		(
			await db
				.select({ id: slot.id })
				.from(slot)
				.where(
					and(
						eq(slot.servicePointId, pointId),
						lte(slot.startsAt, new Date(now)),
						gt(slot.endsAt, new Date(now + minuteMs)),
						isNull(slot.cancelledAt)
					)
				)
				.orderBy(desc(slot.startsAt))
				.limit(1)
		)[0],
		// A seeded slot with bookings that overlaps the new rule keeps its place (booked slots stay),
		// so near the end of a seeded quarter hour no new slot covers now: then the rule's next empty
		// slot is moved onto now (a fixture step, like moveSlotIntoThePast).
		(
			await db
				.select({ id: slot.id })
				.from(slot)
				.where(
					and(
						eq(slot.servicePointId, pointId),
						gt(slot.startsAt, new Date(now)),
						eq(slot.bookedCount, 0),
						isNull(slot.cancelledAt)
					)
				)
				.orderBy(asc(slot.startsAt))
				.limit(1)
		)[0]
	]);
	if (running) return running.id;
	expect(later, 'a slot running now, or an empty one to move onto now').toBeTruthy();
	const movedAt = Date.now();
	// an odd millisecond keeps it clear of every materialised slot's start (unique per point)
	await moveSlot(later!.id, movedAt - minuteMs + 7, movedAt + 29 * minuteMs);
	return later!.id;
}

/**
 * A slot of a service point later today with room (the day list offers only today's slots). A long
 * seeded slot with bookings (a day-care day) keeps a new rule's slots from being made, so when no such
 * slot exists an empty later one is moved to start soon today (a fixture step, like moveSlotSoon).
 */
export async function nextSlot(pointId: number): Promise<number> {
	const now = Date.now();
	const midnight = Math.ceil((now + shanghai) / 86_400_000) * 86_400_000 - shanghai;
	const [today, empty] = await withServerDb(async (db) => [
		(
			await db
				.select({ id: slot.id })
				.from(slot)
				.where(
					and(
						eq(slot.servicePointId, pointId),
						gt(slot.startsAt, new Date(now)),
						lt(slot.startsAt, new Date(midnight)),
						lt(slot.bookedCount, slot.capacity),
						isNull(slot.cancelledAt)
					)
				)
				.orderBy(asc(slot.startsAt))
				.limit(1)
		)[0],
		(
			await db
				.select({ id: slot.id })
				.from(slot)
				.where(
					and(
						eq(slot.servicePointId, pointId),
						gt(slot.startsAt, new Date(now)),
						eq(slot.bookedCount, 0),
						isNull(slot.cancelledAt)
					)
				)
				.orderBy(asc(slot.startsAt))
				.limit(1)
		)[0]
	]);
	if (today) return today.id;
	expect(empty, 'a slot later on').toBeTruthy();
	await moveSlotSoon(empty!.id);
	return empty!.id;
}

/** A booking on someone's behalf through the console's walk-in form; returns the new booking. */
export async function bookOnBehalf(
	staff: APIRequestContext,
	pointId: number,
	slotId: number,
	person: { name: string; phone: string; channel?: 'desk' | 'phone'; checkIn?: boolean }
) {
	const form: Record<string, string> = {
		slotId: String(slotId),
		channel: person.channel ?? 'phone',
		name: person.name,
		phone: person.phone
	};
	if (person.checkIn) form.checkIn = 'on';
	const response = await staff.post(`/staff/points/${pointId}?/walkIn`, { form });
	expect(response.status(), await response.text().then((t) => t.slice(0, 300))).toBe(200);
	const [made] = await withServerDb((db) =>
		db
			.select({ id: booking.id, code: booking.code, status: booking.status })
			.from(booking)
			.leftJoin(user, eq(user.id, booking.userId))
			.where(
				and(
					eq(booking.slotId, slotId),
					or(eq(booking.guestPhone, person.phone), eq(user.phone, person.phone)),
					ne(booking.status, 'cancelled')
				)
			)
			.orderBy(desc(booking.id))
			.limit(1)
	);
	return made;
}

/** Moves a slot to new times in the test server's database (a fixture step). */
async function moveSlot(slotId: number, startsAt: number, endsAt: number): Promise<void> {
	await withServerDb((db) =>
		transaction(db, (tx) =>
			tx
				.update(slot)
				.set({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) })
				.where(eq(slot.id, slotId))
		)
	);
}

/**
 * Moves a slot that starts later onto now (begun a minute ago, 30 minutes long), so that a check-in
 * now is on time however the clock stands (an early one asks to confirm first): a fixture step.
 */
export async function moveSlotOntoNow(slotId: number): Promise<void> {
	const [row] = await withServerDb((db) =>
		db.select({ startsAt: slot.startsAt }).from(slot).where(eq(slot.id, slotId))
	);
	const now = Date.now();
	if (row.startsAt.getTime() <= now) return;
	// an odd millisecond keeps it clear of every materialised slot's start (unique per point)
	await moveSlot(slotId, now - minuteMs + 7, now + 29 * minuteMs);
}

/**
 * The built server's clock cannot be moved, so to have a slot that has ended with someone still booked,
 * the test moves that slot into the past (a fixture step, written directly to the test database).
 */
export async function moveSlotIntoThePast(
	slotId: number,
	{ today = false }: { today?: boolean } = {}
): Promise<void> {
	const now = Date.now();
	// with `today`, still today (Beijing time), where the desk's list of the day shows it: just after
	// midnight, a shorter slot that began at midnight
	const midnight = Math.floor((now + shanghai) / 86_400_000) * 86_400_000 - shanghai;
	if (today && now - midnight < 2 * minuteMs) throw new Error('no ended slot fits into today yet');
	const earliest = today ? midnight : -Infinity;
	// an odd millisecond keeps it clear of every materialised slot's start (unique per point)
	const startsAt = Math.max(earliest, now - 50 * minuteMs) + 7;
	const endsAt = Math.min(now - minuteMs, Math.max(startsAt + minuteMs, now - 20 * minuteMs));
	await moveSlot(slotId, startsAt, endsAt);
}

/**
 * Moves a slot to start a little later today (at most 20 minutes, and before local midnight), so a
 * check-in now is early however the clock stands: a fixture step written to the test database.
 */
export async function moveSlotSoon(slotId: number): Promise<number> {
	const now = Date.now();
	const midnight = Math.ceil((now + shanghai) / 86_400_000) * 86_400_000 - shanghai;
	// an odd millisecond keeps it clear of every materialised slot's start (unique per point)
	const startsAt = now + Math.min(20 * minuteMs, Math.floor((midnight - now) / 2)) + 7;
	await moveSlot(slotId, startsAt, startsAt + 30 * minuteMs);
	return startsAt;
}

/** The status of a booking in the test server's database. */
export async function statusOf(bookingId: number): Promise<string> {
	const [row] = await withServerDb((db) =>
		db.select({ status: booking.status }).from(booking).where(eq(booking.id, bookingId))
	);
	return row.status;
}
