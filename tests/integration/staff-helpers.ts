import { expect, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { readDb } from './accounts-helpers';

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
	const db = readDb();
	let running: { id: number } | undefined;
	let later: { id: number } | undefined;
	try {
		running = db
			.prepare(
				'select id from slot where service_point_id = ? and starts_at <= ? and ends_at > ? and cancelled_at is null order by starts_at desc limit 1'
			)
			.get(pointId, Date.now(), Date.now() + minuteMs) as { id: number } | undefined;
		// A seeded slot with bookings that overlaps the new rule keeps its place (booked slots stay),
		// so near the end of a seeded quarter hour no new slot covers now: then the rule's next empty
		// slot is moved onto now (a fixture step, like moveSlotIntoThePast).
		later = db
			.prepare(
				'select id from slot where service_point_id = ? and starts_at > ? and booked_count = 0 and cancelled_at is null order by starts_at limit 1'
			)
			.get(pointId, Date.now()) as { id: number } | undefined;
	} finally {
		db.close();
	}
	if (running) return running.id;
	expect(later, 'a slot running now, or an empty one to move onto now').toBeTruthy();
	const writable = new Database(process.env.TEST_DATABASE_URL!, { fileMustExist: true });
	writable.pragma('busy_timeout = 5000');
	try {
		const now = Date.now();
		// an odd millisecond keeps it clear of every materialised slot's start (unique per point)
		writable
			.prepare('update slot set starts_at = ?, ends_at = ? where id = ?')
			.run(now - minuteMs + 7, now + 29 * minuteMs, later!.id);
	} finally {
		writable.close();
	}
	return later!.id;
}

/**
 * A slot of a service point later today with room (the day list offers only today's slots). A long
 * seeded slot with bookings (a day-care day) keeps a new rule's slots from being made, so when no such
 * slot exists an empty later one is moved to start soon today (a fixture step, like moveSlotSoon).
 */
export function nextSlot(pointId: number): number {
	const db = readDb();
	let today: { id: number } | undefined;
	let empty: { id: number } | undefined;
	try {
		const now = Date.now();
		const midnight = Math.ceil((now + shanghai) / 86_400_000) * 86_400_000 - shanghai;
		today = db
			.prepare(
				'select id from slot where service_point_id = ? and starts_at > ? and starts_at < ? and booked_count < capacity and cancelled_at is null order by starts_at limit 1'
			)
			.get(pointId, now, midnight) as { id: number } | undefined;
		empty = db
			.prepare(
				'select id from slot where service_point_id = ? and starts_at > ? and booked_count = 0 and cancelled_at is null order by starts_at limit 1'
			)
			.get(pointId, now) as { id: number } | undefined;
	} finally {
		db.close();
	}
	if (today) return today.id;
	expect(empty, 'a slot later on').toBeTruthy();
	moveSlotSoon(empty!.id);
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
	const db = readDb();
	try {
		return db
			.prepare(
				"select b.id, b.code, b.status from booking b left join user u on u.id = b.user_id where b.slot_id = ? and (b.guest_phone = ? or u.phone = ?) and b.status <> 'cancelled' order by b.id desc limit 1"
			)
			.get(slotId, person.phone, person.phone) as { id: number; code: string; status: string };
	} finally {
		db.close();
	}
}

/**
 * The built server's clock cannot be moved, so to have a slot that has ended with someone still booked,
 * the test moves that slot into the past (a fixture step, written directly to the test database).
 */
export function moveSlotIntoThePast(slotId: number): void {
	const db = new Database(process.env.TEST_DATABASE_URL!, { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	try {
		const now = Date.now();
		// an odd millisecond keeps it clear of every materialised slot's start (unique per point)
		db.prepare('update slot set starts_at = ?, ends_at = ? where id = ?').run(
			now - 50 * minuteMs + 7,
			now - 20 * minuteMs,
			slotId
		);
	} finally {
		db.close();
	}
}

/**
 * Moves a slot to start a little later today (at most 20 minutes, and before local midnight), so a
 * check-in now is early however the clock stands: a fixture step written to the test database.
 */
export function moveSlotSoon(slotId: number): number {
	const db = new Database(process.env.TEST_DATABASE_URL!, { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	try {
		const now = Date.now();
		const midnight = Math.ceil((now + shanghai) / 86_400_000) * 86_400_000 - shanghai;
		// an odd millisecond keeps it clear of every materialised slot's start (unique per point)
		const startsAt = now + Math.min(20 * minuteMs, Math.floor((midnight - now) / 2)) + 7;
		db.prepare('update slot set starts_at = ?, ends_at = ? where id = ?').run(
			startsAt,
			startsAt + 30 * minuteMs,
			slotId
		);
		return startsAt;
	} finally {
		db.close();
	}
}

export function count(sql: string, ...params: unknown[]): number {
	const db = readDb();
	try {
		return (db.prepare(sql).get(...params) as { n: number }).n;
	} finally {
		db.close();
	}
}

export function statusOf(bookingId: number): string {
	const db = readDb();
	try {
		return (
			db.prepare('select status from booking where id = ?').get(bookingId) as { status: string }
		).status;
	} finally {
		db.close();
	}
}
