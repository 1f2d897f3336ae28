import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookings, waitlist } from '../booking';
import {
	auditLog,
	booking,
	notification,
	openingRule,
	servicePoint,
	slot,
	user
} from '../db/schema';
import { createFixture, fixtureNow } from '../testing/booking';
import { checkInByCode, markAttended, markNoShow, undoStatus } from './checkin';
import { bookOnBehalf } from './walk-in';
import { cancelSlot } from './slots';
import { revealPhone } from './phone';
import { setActive, updateDetails } from './points';
import { deleteRule, saveRule } from './opening-hours';
import { monthFigures, currentMonth } from './figures';
import { rate } from '../ratings/ratings';
import { hourMs, minuteMs } from '$lib/time';

const now = fixtureNow; // 10:00 local

function bookToday(f: ReturnType<typeof createFixture>, startsIn = hourMs, who = f.residents[0]) {
	const slotId = f.addSlot({ startsIn, capacity: 3 });
	const result = bookings.book(f.db, { slotId, byUserId: who, now: now - 24 * hourMs });
	if (result.status !== 'ok') throw new Error(result.status);
	return { slotId, bookingId: result.booking.id, code: result.code };
}

const statusOf = (f: ReturnType<typeof createFixture>, id: number) =>
	f.db.select().from(booking).where(eq(booking.id, id)).get()!.status;

describe('check-in by booking code', () => {
	it('marks the booking attended, asks for a rating, and refuses the same code again', () => {
		const f = createFixture();
		const { bookingId, code } = bookToday(f);
		const first = checkInByCode(f.db, {
			code: ` ${code.toLowerCase()} `,
			byUserId: f.staffId,
			now
		});
		expect(first).toMatchObject({ status: 'ok', bookingId, name: '居民1' });
		expect(statusOf(f, bookingId)).toBe('attended');
		const asked = f.db.select().from(notification).where(eq(notification.kind, 'rating_requested'));
		expect(asked.all().map((n) => n.userId)).toEqual([f.residents[0]]);
		expect(checkInByCode(f.db, { code, byUserId: f.staffId, now })).toMatchObject({
			status: 'already'
		});
	});

	it('refuses malformed, unknown, other-day and other-community codes without revealing them', () => {
		const f = createFixture();
		const { code } = bookToday(f);
		const tomorrow = bookToday(f, 26 * hourMs, f.residents[1]);
		expect(checkInByCode(f.db, { code: '12', byUserId: f.staffId, now }).status).toBe(
			'invalid_code'
		);
		expect(checkInByCode(f.db, { code: 'ZZZZZZ', byUserId: f.staffId, now }).status).toBe(
			'not_found'
		);
		expect(checkInByCode(f.db, { code, byUserId: f.otherStaffId, now }).status).toBe('not_found');
		expect(checkInByCode(f.db, { code: tomorrow.code, byUserId: f.staffId, now }).status).toBe(
			'wrong_day'
		);
	});
});

describe('early check-in', () => {
	it('asks to confirm a check-in earlier than the point allows (default 60 minutes), by code and from the list', () => {
		const f = createFixture();
		const soon = bookToday(f, 60 * 60_000);
		const later = bookToday(f, 95 * 60_000, f.residents[1]);
		// exactly the allowed 60 minutes before: no question
		expect(checkInByCode(f.db, { code: soon.code, byUserId: f.staffId, now }).status).toBe('ok');
		// 95 minutes before: refused until confirmed, and nothing written
		expect(checkInByCode(f.db, { code: later.code, byUserId: f.staffId, now })).toEqual({
			status: 'early',
			bookingId: later.bookingId,
			startsAt: now + 95 * 60_000,
			minutesEarly: 95
		});
		expect(
			markAttended(f.db, { bookingId: later.bookingId, byUserId: f.staffId, now }).status
		).toBe('early');
		expect(statusOf(f, later.bookingId)).toBe('booked');
		expect(
			checkInByCode(f.db, { code: later.code, byUserId: f.staffId, now, confirmEarly: true }).status
		).toBe('ok');
		expect(statusOf(f, later.bookingId)).toBe('attended');
	});

	it('follows the service point setting', () => {
		const f = createFixture();
		const { bookingId } = bookToday(f, 30 * 60_000);
		f.db.update(servicePoint).set({ earlyCheckInMinutes: 15 }).run();
		expect(markAttended(f.db, { bookingId, byUserId: f.staffId, now })).toMatchObject({
			status: 'early',
			minutesEarly: 30
		});
		f.db.update(servicePoint).set({ earlyCheckInMinutes: 30 }).run();
		expect(markAttended(f.db, { bookingId, byUserId: f.staffId, now }).status).toBe('ok');
	});

	it('a walk-in checked in at the desk is confirmed by the staff member already', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 3 * 60 * 60_000, capacity: 3 });
		const result = bookOnBehalf(f.db, {
			slotId,
			channel: 'desk',
			name: '来访者',
			phone: '13700000001',
			checkIn: true,
			byUserId: f.staffId,
			now
		});
		expect(result).toMatchObject({ status: 'ok', checkedIn: true });
	});
});

describe('no-shows and undo', () => {
	it('allows a no-show only after the slot has ended', () => {
		const f = createFixture();
		const { bookingId } = bookToday(f, -20 * minuteMs); // started 20 minutes ago, lasts 30
		expect(markNoShow(f.db, { bookingId, byUserId: f.staffId, now })).toMatchObject({
			status: 'too_early'
		});
		const after = now + 11 * minuteMs;
		expect(markNoShow(f.db, { bookingId, byUserId: f.otherStaffId, now: after }).status).toBe(
			'forbidden'
		);
		expect(markNoShow(f.db, { bookingId, byUserId: f.staffId, now: after }).status).toBe('ok');
		expect(statusOf(f, bookingId)).toBe('no_show');
	});

	it('undoes a check-in on the same day (withdrawing the rating request), not the next day', () => {
		const f = createFixture();
		const { bookingId } = bookToday(f);
		expect(markAttended(f.db, { bookingId, byUserId: f.staffId, now }).status).toBe('ok');
		expect(undoStatus(f.db, { bookingId, byUserId: f.staffId, now: now + hourMs }).status).toBe(
			'ok'
		);
		expect(statusOf(f, bookingId)).toBe('booked');
		const asked = f.db.select().from(notification).where(eq(notification.kind, 'rating_requested'));
		expect(asked.all()).toHaveLength(0);
		markAttended(f.db, { bookingId, byUserId: f.staffId, now });
		expect(
			undoStatus(f.db, { bookingId, byUserId: f.staffId, now: now + 20 * hourMs }).status
		).toBe('not_undoable');
		const actions = f.db
			.select()
			.from(auditLog)
			.all()
			.map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['booking.attended', 'booking.undo']));
	});
});

describe('walk-ins and phone bookings on a resident behalf', () => {
	it('books a guest by name and phone, or the account that has the phone', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: -10 * minuteMs, capacity: 2 });
		const guest = bookOnBehalf(f.db, {
			slotId,
			channel: 'desk',
			name: '王大爷',
			phone: '13700000001',
			checkIn: true,
			byUserId: f.staffId,
			now
		});
		expect(guest).toMatchObject({ status: 'ok', account: false, checkedIn: true });
		const residentPhone = f.db.select().from(booking).all().length; // one so far
		expect(residentPhone).toBe(1);
		const resident = f.db.select().from(user).where(eq(user.id, f.residents[0])).get();
		const account = bookOnBehalf(f.db, {
			slotId,
			channel: 'phone',
			name: 'x',
			phone: resident!.phone,
			checkIn: false,
			byUserId: f.staffId,
			now
		});
		expect(account).toMatchObject({ status: 'ok', account: true, checkedIn: false });
		const full = bookOnBehalf(f.db, {
			slotId,
			channel: 'desk',
			name: '李奶奶',
			phone: '13700000002',
			checkIn: false,
			byUserId: f.staffId,
			now
		});
		expect(full.status).toBe('full');
		expect(
			bookOnBehalf(f.db, {
				slotId,
				channel: 'desk',
				name: '李奶奶',
				phone: '13700000002',
				checkIn: false,
				byUserId: f.otherStaffId,
				now
			}).status
		).toBe('forbidden');
	});
});

describe('cancelling a slot', () => {
	it('tells everyone booked and clears the waitlist with notice', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 3 * hourMs, capacity: 1 });
		bookings.book(f.db, { slotId, byUserId: f.residents[0], now });
		waitlist.join(f.db, { slotId, byUserId: f.residents[1], now });
		expect(
			cancelSlot(f.db, { slotId, reason: '厨房检修', byUserId: f.otherStaffId, now }).status
		).toBe('forbidden');
		expect(
			cancelSlot(f.db, { slotId, reason: '厨房检修', byUserId: f.staffId, now })
		).toMatchObject({
			status: 'ok',
			cancelledBookings: 1,
			clearedWaitlist: 1
		});
		const told = f.db.select().from(notification).all();
		expect(told.map((n) => [n.userId, n.kind])).toEqual(
			expect.arrayContaining([
				[f.residents[0], 'booking_cancelled_closure'],
				[f.residents[1], 'waitlist_cleared']
			])
		);
		expect(f.db.select().from(slot).where(eq(slot.id, slotId)).get()?.cancelReason).toBe(
			'厨房检修'
		);
	});
});

describe('the full phone number', () => {
	it('is shown to staff of the community on request, and every reveal is audited', () => {
		const f = createFixture();
		const { bookingId } = bookToday(f);
		expect(revealPhone(f.db, { bookingId, byUserId: f.otherStaffId, now }).status).toBe(
			'forbidden'
		);
		const shown = revealPhone(f.db, { bookingId, byUserId: f.staffId, now });
		expect(shown.status === 'ok' && /^\d{11}$/.test(shown.phone)).toBe(true);
		const audits = f.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'booking.phone_revealed'));
		expect(audits.all()).toHaveLength(1);
		expect(JSON.stringify(audits.all())).not.toMatch(/1\d{10}/);
	});
});

describe('managing a service point', () => {
	it('changes details and activation with updated_at bumped and audited; keeps booked people', () => {
		const f = createFixture();
		const before = f.db.select().from(servicePoint).where(eq(servicePoint.id, f.pointId)).get()!;
		const details = {
			name: '甲社区长者食堂',
			address: '测试路3号',
			phone: '0937-6211111',
			openingText: '每天 11:00–13:00',
			accessibleEntrance: true,
			minNoticeMinutes: 60,
			cancelCutoffMinutes: 120,
			bookingHorizonDays: 14
		};
		expect(
			updateDetails(f.db, { ...details, servicePointId: f.pointId, byUserId: f.otherStaffId, now })
				.status
		).toBe('forbidden');
		expect(
			updateDetails(f.db, {
				...details,
				servicePointId: f.pointId,
				byUserId: f.staffId,
				now: now + 1000
			}).status
		).toBe('ok');
		const after = f.db.select().from(servicePoint).where(eq(servicePoint.id, f.pointId)).get()!;
		expect(after.name).toBe('甲社区长者食堂');
		expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
		bookToday(f, 5 * hourMs);
		expect(
			setActive(f.db, { servicePointId: f.pointId, active: false, byUserId: f.staffId, now })
		).toMatchObject({
			status: 'has_bookings',
			bookings: 1
		});
		expect(
			setActive(f.db, { servicePointId: f.otherPointId, active: false, byUserId: f.adminId, now })
				.status
		).toBe('ok');
	});

	it('re-materialises unbooked upcoming slots when the opening rules change', () => {
		const f = createFixture();
		const rule = {
			weekday: 1,
			startMinute: 9 * 60,
			endMinute: 11 * 60,
			slotMinutes: 60,
			capacity: 4,
			reservedForAssisted: 1
		};
		const saved = saveRule(f.db, { ...rule, servicePointId: f.pointId, byUserId: f.staffId, now });
		expect(saved.status).toBe('ok');
		const mondaySlots = () =>
			f.db
				.select()
				.from(slot)
				.where(eq(slot.servicePointId, f.pointId))
				.all()
				.filter((s) => s.startsAt.getTime() > now && s.capacity === 4);
		expect(mondaySlots().length).toBeGreaterThanOrEqual(4); // two Mondays × two slots
		const ruleId = f.db.select().from(openingRule).get()!.id;
		saveRule(f.db, {
			...rule,
			capacity: 6,
			servicePointId: f.pointId,
			ruleId,
			byUserId: f.staffId,
			now
		});
		expect(mondaySlots()).toHaveLength(0);
		expect(
			deleteRule(f.db, { servicePointId: f.pointId, ruleId, byUserId: f.otherStaffId, now }).status
		).toBe('forbidden');
		expect(
			deleteRule(f.db, { servicePointId: f.pointId, ruleId, byUserId: f.staffId, now }).status
		).toBe('ok');
		const left = f.db
			.select()
			.from(slot)
			.where(eq(slot.servicePointId, f.pointId))
			.all()
			.filter((s) => s.startsAt.getTime() > now && s.capacity === 6);
		expect(left).toHaveLength(0);
	});
});

describe('month figures', () => {
	it('counts bookings, attended, no-shows, cancellations and the waitlist peak', () => {
		const f = createFixture();
		const { bookingId } = bookToday(f, -2 * hourMs);
		markAttended(f.db, { bookingId, byUserId: f.staffId, now });
		rate(f.db, { bookingId, byUserId: f.residents[0], stars: 5, tags: [], now });
		const [figures] = monthFigures(f.db, [f.pointId], currentMonth(now));
		expect(figures).toMatchObject({
			bookings: 1,
			attended: 1,
			noShows: 0,
			cancellations: 0,
			waitlistPeak: 0
		});
	});
});
