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
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { transaction } from '../db';
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

async function bookToday(f: Fixture, startsIn = hourMs, who = f.residents[0]) {
	const slotId = await f.addSlot({ startsIn, capacity: 3 });
	const result = await bookings.book(f.db, { slotId, byUserId: who, now: now - 24 * hourMs });
	if (result.status !== 'ok') throw new Error(result.status);
	return { slotId, bookingId: result.booking.id, code: result.code };
}

const statusOf = async (f: Fixture, id: number) =>
	(await f.db.select().from(booking).where(eq(booking.id, id)).limit(1))[0].status;

const pointOf = async (f: Fixture) =>
	(await f.db.select().from(servicePoint).where(eq(servicePoint.id, f.pointId)).limit(1))[0];

const setEarlyCheckInMinutes = (f: Fixture, minutes: number) =>
	transaction(f.db, async (tx) => {
		await tx.update(servicePoint).set({ earlyCheckInMinutes: minutes });
	});

describe('check-in by booking code', () => {
	it('marks the booking attended, asks for a rating, and refuses the same code again', async () => {
		const f = await createFixture();
		const { bookingId, code } = await bookToday(f);
		const first = await checkInByCode(f.db, {
			code: ` ${code.toLowerCase()} `,
			byUserId: f.staffId,
			now
		});
		expect(first).toMatchObject({ status: 'ok', bookingId, name: '居民1' });
		expect(await statusOf(f, bookingId)).toBe('attended');
		const asked = await f.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'rating_requested'));
		expect(asked.map((n) => n.userId)).toEqual([f.residents[0]]);
		expect(await checkInByCode(f.db, { code, byUserId: f.staffId, now })).toMatchObject({
			status: 'already'
		});
	});

	it('refuses malformed, unknown, other-day and other-community codes without revealing them', async () => {
		const f = await createFixture();
		const { code } = await bookToday(f);
		const tomorrow = await bookToday(f, 26 * hourMs, f.residents[1]);
		expect((await checkInByCode(f.db, { code: '12', byUserId: f.staffId, now })).status).toBe(
			'invalid_code'
		);
		expect((await checkInByCode(f.db, { code: 'ZZZZZZ', byUserId: f.staffId, now })).status).toBe(
			'not_found'
		);
		expect((await checkInByCode(f.db, { code, byUserId: f.otherStaffId, now })).status).toBe(
			'not_found'
		);
		expect(
			(await checkInByCode(f.db, { code: tomorrow.code, byUserId: f.staffId, now })).status
		).toBe('wrong_day');
	});
});

describe('early check-in', () => {
	it('asks to confirm a check-in earlier than the point allows (default 60 minutes), by code and from the list', async () => {
		const f = await createFixture();
		const soon = await bookToday(f, 60 * 60_000);
		const later = await bookToday(f, 95 * 60_000, f.residents[1]);
		// exactly the allowed 60 minutes before: no question
		expect((await checkInByCode(f.db, { code: soon.code, byUserId: f.staffId, now })).status).toBe(
			'ok'
		);
		// 95 minutes before: refused until confirmed, and nothing written
		expect(await checkInByCode(f.db, { code: later.code, byUserId: f.staffId, now })).toEqual({
			status: 'early',
			bookingId: later.bookingId,
			startsAt: now + 95 * 60_000,
			minutesEarly: 95
		});
		expect(
			(await markAttended(f.db, { bookingId: later.bookingId, byUserId: f.staffId, now })).status
		).toBe('early');
		expect(await statusOf(f, later.bookingId)).toBe('booked');
		expect(
			(
				await checkInByCode(f.db, {
					code: later.code,
					byUserId: f.staffId,
					now,
					confirmEarly: true
				})
			).status
		).toBe('ok');
		expect(await statusOf(f, later.bookingId)).toBe('attended');
	});

	it('follows the service point setting', async () => {
		const f = await createFixture();
		const { bookingId } = await bookToday(f, 30 * 60_000);
		await setEarlyCheckInMinutes(f, 15);
		expect(await markAttended(f.db, { bookingId, byUserId: f.staffId, now })).toMatchObject({
			status: 'early',
			minutesEarly: 30
		});
		await setEarlyCheckInMinutes(f, 30);
		expect((await markAttended(f.db, { bookingId, byUserId: f.staffId, now })).status).toBe('ok');
	});

	it('a walk-in checked in at the desk is confirmed by the staff member already', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 3 * 60 * 60_000, capacity: 3 });
		const result = await bookOnBehalf(f.db, {
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
	it('allows a no-show only after the slot has ended', async () => {
		const f = await createFixture();
		const { bookingId } = await bookToday(f, -20 * minuteMs); // started 20 minutes ago, lasts 30
		expect(await markNoShow(f.db, { bookingId, byUserId: f.staffId, now })).toMatchObject({
			status: 'too_early'
		});
		const after = now + 11 * minuteMs;
		expect(
			(await markNoShow(f.db, { bookingId, byUserId: f.otherStaffId, now: after })).status
		).toBe('forbidden');
		expect((await markNoShow(f.db, { bookingId, byUserId: f.staffId, now: after })).status).toBe(
			'ok'
		);
		expect(await statusOf(f, bookingId)).toBe('no_show');
	});

	it('undoes a check-in on the same day (withdrawing the rating request), not the next day', async () => {
		const f = await createFixture();
		const { bookingId } = await bookToday(f);
		expect((await markAttended(f.db, { bookingId, byUserId: f.staffId, now })).status).toBe('ok');
		expect(
			(await undoStatus(f.db, { bookingId, byUserId: f.staffId, now: now + hourMs })).status
		).toBe('ok');
		expect(await statusOf(f, bookingId)).toBe('booked');
		const asked = await f.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'rating_requested'));
		expect(asked).toHaveLength(0);
		await markAttended(f.db, { bookingId, byUserId: f.staffId, now });
		expect(
			(await undoStatus(f.db, { bookingId, byUserId: f.staffId, now: now + 20 * hourMs })).status
		).toBe('not_undoable');
		const actions = (await f.db.select().from(auditLog)).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['booking.attended', 'booking.undo']));
	});
});

describe('walk-ins and phone bookings on a resident behalf', () => {
	it('books a guest by name and phone, or the account that has the phone', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: -10 * minuteMs, capacity: 2 });
		const guest = await bookOnBehalf(f.db, {
			slotId,
			channel: 'desk',
			name: '王大爷',
			phone: '13700000001',
			checkIn: true,
			byUserId: f.staffId,
			now
		});
		expect(guest).toMatchObject({ status: 'ok', account: false, checkedIn: true });
		const residentPhone = (await f.db.select().from(booking)).length; // one so far
		expect(residentPhone).toBe(1);
		const [resident] = await f.db.select().from(user).where(eq(user.id, f.residents[0])).limit(1);
		const account = await bookOnBehalf(f.db, {
			slotId,
			channel: 'phone',
			name: 'x',
			phone: resident!.phone,
			checkIn: false,
			byUserId: f.staffId,
			now
		});
		expect(account).toMatchObject({ status: 'ok', account: true, checkedIn: false });
		const full = await bookOnBehalf(f.db, {
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
			(
				await bookOnBehalf(f.db, {
					slotId,
					channel: 'desk',
					name: '李奶奶',
					phone: '13700000002',
					checkIn: false,
					byUserId: f.otherStaffId,
					now
				})
			).status
		).toBe('forbidden');
	});
});

describe('cancelling a slot', () => {
	it('tells everyone booked and clears the waitlist with notice', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 3 * hourMs, capacity: 1 });
		await bookings.book(f.db, { slotId, byUserId: f.residents[0], now });
		await waitlist.join(f.db, { slotId, byUserId: f.residents[1], now });
		expect(
			(await cancelSlot(f.db, { slotId, reason: '厨房检修', byUserId: f.otherStaffId, now })).status
		).toBe('forbidden');
		expect(
			await cancelSlot(f.db, { slotId, reason: '厨房检修', byUserId: f.staffId, now })
		).toMatchObject({
			status: 'ok',
			cancelledBookings: 1,
			clearedWaitlist: 1
		});
		const told = await f.db.select().from(notification);
		expect(told.map((n) => [n.userId, n.kind])).toEqual(
			expect.arrayContaining([
				[f.residents[0], 'booking_cancelled_closure'],
				[f.residents[1], 'waitlist_cleared']
			])
		);
		const [cancelled] = await f.db.select().from(slot).where(eq(slot.id, slotId)).limit(1);
		expect(cancelled?.cancelReason).toBe('厨房检修');
	});
});

describe('the full phone number', () => {
	it('is shown to staff of the community on request, and every reveal is audited', async () => {
		const f = await createFixture();
		const { bookingId } = await bookToday(f);
		expect((await revealPhone(f.db, { bookingId, byUserId: f.otherStaffId, now })).status).toBe(
			'forbidden'
		);
		const shown = await revealPhone(f.db, { bookingId, byUserId: f.staffId, now });
		expect(shown.status === 'ok' && /^\d{11}$/.test(shown.phone)).toBe(true);
		const audits = await f.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'booking.phone_revealed'));
		expect(audits).toHaveLength(1);
		expect(JSON.stringify(audits)).not.toMatch(/1\d{10}/);
	});
});

describe('managing a service point', () => {
	it('changes details and activation with updated_at bumped and audited; keeps booked people', async () => {
		const f = await createFixture();
		const before = await pointOf(f);
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
			(
				await updateDetails(f.db, {
					...details,
					servicePointId: f.pointId,
					byUserId: f.otherStaffId,
					now
				})
			).status
		).toBe('forbidden');
		expect(
			(
				await updateDetails(f.db, {
					...details,
					servicePointId: f.pointId,
					byUserId: f.staffId,
					now: now + 1000
				})
			).status
		).toBe('ok');
		const after = await pointOf(f);
		expect(after.name).toBe('甲社区长者食堂');
		expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
		await bookToday(f, 5 * hourMs);
		expect(
			await setActive(f.db, { servicePointId: f.pointId, active: false, byUserId: f.staffId, now })
		).toMatchObject({
			status: 'has_bookings',
			bookings: 1
		});
		expect(
			(
				await setActive(f.db, {
					servicePointId: f.otherPointId,
					active: false,
					byUserId: f.adminId,
					now
				})
			).status
		).toBe('ok');
	});

	it('re-materialises unbooked upcoming slots when the opening rules change', async () => {
		const f = await createFixture();
		const rule = {
			weekday: 1,
			startMinute: 9 * 60,
			endMinute: 11 * 60,
			slotMinutes: 60,
			capacity: 4,
			reservedForAssisted: 1
		};
		const saved = await saveRule(f.db, {
			...rule,
			servicePointId: f.pointId,
			byUserId: f.staffId,
			now
		});
		expect(saved.status).toBe('ok');
		const upcoming = async (capacity: number) =>
			(await f.db.select().from(slot).where(eq(slot.servicePointId, f.pointId))).filter(
				(s) => s.startsAt.getTime() > now && s.capacity === capacity
			);
		const mondaySlots = () => upcoming(4);
		expect((await mondaySlots()).length).toBeGreaterThanOrEqual(4); // two Mondays × two slots
		const [{ id: ruleId }] = await f.db.select().from(openingRule).limit(1);
		await saveRule(f.db, {
			...rule,
			capacity: 6,
			servicePointId: f.pointId,
			ruleId,
			byUserId: f.staffId,
			now
		});
		expect(await mondaySlots()).toHaveLength(0);
		expect(
			(await deleteRule(f.db, { servicePointId: f.pointId, ruleId, byUserId: f.otherStaffId, now }))
				.status
		).toBe('forbidden');
		expect(
			(await deleteRule(f.db, { servicePointId: f.pointId, ruleId, byUserId: f.staffId, now }))
				.status
		).toBe('ok');
		expect(await upcoming(6)).toHaveLength(0);
	});
});

describe('month figures', () => {
	it('counts bookings, attended, no-shows, cancellations and the waitlist peak', async () => {
		const f = await createFixture();
		const { bookingId } = await bookToday(f, -2 * hourMs);
		await markAttended(f.db, { bookingId, byUserId: f.staffId, now });
		await rate(f.db, { bookingId, byUserId: f.residents[0], stars: 5, tags: [], now });
		const [figures] = await monthFigures(f.db, [f.pointId], currentMonth(now));
		expect(figures).toMatchObject({
			bookings: 1,
			attended: 1,
			noShows: 0,
			cancellations: 0,
			waitlistPeak: 0
		});
	});
});
