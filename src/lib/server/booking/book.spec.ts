import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { book } from './book';
import {
	auditLog,
	booking,
	notification,
	outbox,
	serviceCategory,
	servicePoint,
	slot
} from '../db/schema';
import { createFixture, fixtureNow } from '../testing/booking';
import { join } from './waitlist';
import { hourMs, localMidnight, minuteMs } from '$lib/time';

const now = fixtureNow;

describe('booking a place', () => {
	it('books a free place, counts it on the slot and confirms it in the portal and by SMS', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		const result = book(f.db, { slotId, byUserId: f.residents[0], now });
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		expect(result.code).toMatch(/^[A-Z2-9]{6}$/);
		expect(result.booking).toMatchObject({ channel: 'online', userId: f.residents[0] });
		expect(f.db.select().from(slot).where(eq(slot.id, slotId)).get()?.bookedCount).toBe(1);
		const notices = f.db.select().from(notification).all();
		// confirmation now, reminders 24 h and 2 h before (stored ahead, shown when due)
		expect(notices.map((n) => n.kind).sort()).toEqual([
			'booking_confirmed',
			'booking_reminder',
			'booking_reminder'
		]);
		const sms = f.db.select().from(outbox).all();
		expect(sms).toHaveLength(3);
		expect(sms.filter((s) => s.sendAfter === null)).toHaveLength(1);
		expect(sms.map((s) => s.sendAfter?.getTime() ?? 0).sort()).toEqual([
			0,
			now + 24 * hourMs,
			now + 46 * hourMs
		]);
		// each with its template id and values (for vendor templates) and the point's community (staff outbox)
		const confirmation = sms.find((s) => s.sendAfter === null)!;
		expect(confirmation).toMatchObject({
			templateId: 'booking_confirmed',
			templateParams: { code: result.code, point: expect.any(String), time: expect.any(String) },
			communityCode: '620201001001'
		});
		expect(confirmation.body).toContain(confirmation.templateParams!.point);
		expect(confirmation.body).toContain(confirmation.templateParams!.time);
		expect(sms.filter((s) => s.templateId === 'booking_reminder')).toHaveLength(2);
	});

	it('skips reminders that would already be due', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 90 * minuteMs });
		expect(book(f.db, { slotId, byUserId: f.residents[0], now }).status).toBe('ok');
		expect(f.db.select().from(outbox).all()).toHaveLength(1);
	});

	it('refuses a second booking of the same person for the same slot', () => {
		const f = createFixture();
		const slotId = f.addSlot();
		const first = book(f.db, { slotId, byUserId: f.residents[0], now });
		const second = book(f.db, { slotId, byUserId: f.residents[0], now });
		expect(second).toEqual({
			status: 'duplicate',
			bookingId: first.status === 'ok' ? first.booking.id : -1
		});
	});

	it('says full and that the waitlist is open when no place is left', () => {
		const f = createFixture();
		const slotId = f.addSlot({ capacity: 1 });
		expect(book(f.db, { slotId, byUserId: f.residents[0], now }).status).toBe('ok');
		expect(book(f.db, { slotId, byUserId: f.residents[1], now })).toEqual({
			status: 'full',
			waitlistOpen: true
		});
	});

	it('answers not_found for an unknown slot or person', () => {
		const f = createFixture();
		expect(book(f.db, { slotId: 999, byUserId: f.residents[0], now }).status).toBe('not_found');
		const slotId = f.addSlot();
		expect(
			book(f.db, { slotId, forUserId: 999, byUserId: f.staffId, channel: 'desk', now }).status
		).toBe('not_found');
	});
});

describe('minimum notice', () => {
	it('accepts a booking exactly at the notice limit and refuses one a minute later', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 30 * minuteMs }); // default notice: 30 minutes
		expect(book(f.db, { slotId, byUserId: f.residents[0], now }).status).toBe('ok');
		expect(book(f.db, { slotId, byUserId: f.residents[1], now: now + minuteMs })).toEqual({
			status: 'too_late',
			minNoticeMinutes: 30
		});
	});

	it('lets desk staff book a walk-in until the slot ends', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: -10 * minuteMs });
		const walkIn = { slotId, forUserId: f.residents[0], byUserId: f.staffId, now };
		expect(book(f.db, { ...walkIn, channel: 'desk' }).status).toBe('ok');
		expect(book(f.db, { ...walkIn, channel: 'desk', now: now + 20 * minuteMs }).status).toBe(
			'too_late'
		);
	});
});

describe('the booking horizon (可提前预约天数, 14 by default)', () => {
	// fixtureNow is 2026-11-26 10:00 in Jiayuguan: the 14th day ahead is 2026-12-10
	const lastMinuteOfLastDay = localMidnight('2026-12-11') - minuteMs - fixtureNow;
	const firstMinuteAfter = localMidnight('2026-12-11') - fixtureNow;

	it('accepts a slot on the last day of the horizon and refuses one on the day after', () => {
		const f = createFixture();
		const last = f.addSlot({ startsIn: lastMinuteOfLastDay });
		const after = f.addSlot({ startsIn: firstMinuteAfter });
		expect(book(f.db, { slotId: last, byUserId: f.residents[0], now }).status).toBe('ok');
		expect(book(f.db, { slotId: after, byUserId: f.residents[0], now })).toEqual({
			status: 'beyond_horizon',
			horizonDays: 14
		});
		expect(
			book(f.db, { slotId: after, forUserId: f.elderId, byUserId: f.carerId, now }).status
		).toBe('beyond_horizon');
		expect(f.db.select().from(booking).where(eq(booking.slotId, after)).all()).toEqual([]);
		expect(f.db.select().from(slot).where(eq(slot.id, after)).get()?.bookedCount).toBe(0);
	});

	it('follows the point’s own horizon and the passing days', () => {
		const f = createFixture();
		f.db
			.update(servicePoint)
			.set({ bookingHorizonDays: 2 })
			.where(eq(servicePoint.id, f.pointId))
			.run();
		const slotId = f.addSlot({ startsIn: localMidnight('2026-11-29') + 9 * hourMs - fixtureNow });
		expect(book(f.db, { slotId, byUserId: f.residents[0], now })).toEqual({
			status: 'beyond_horizon',
			horizonDays: 2
		});
		expect(book(f.db, { slotId, byUserId: f.residents[0], now: now + 14 * hourMs }).status).toBe(
			'ok'
		);
	});

	it('binds neither staff booking by phone nor at the desk; the waitlist keeps the same horizon', () => {
		const f = createFixture();
		const after = f.addSlot({ startsIn: firstMinuteAfter, capacity: 1 });
		const byPhone = { slotId: after, forUserId: f.residents[0], byUserId: f.staffId, now };
		expect(book(f.db, { ...byPhone, channel: 'phone' }).status).toBe('ok');
		expect(join(f.db, { slotId: after, byUserId: f.residents[1], now })).toEqual({
			status: 'beyond_horizon',
			horizonDays: 14
		});
	});
});

describe('a category that takes no bookings', () => {
	it('refuses bookings at its points as closed', () => {
		const f = createFixture();
		const slotId = f.addSlot();
		f.db.update(serviceCategory).set({ bookable: false }).run();
		expect(book(f.db, { slotId, byUserId: f.residents[0], now }).status).toBe('closed');
	});
});

describe('the per-person limit of active future bookings', () => {
	it('allows five and refuses the sixth; a past booking does not count', () => {
		const f = createFixture();
		const past = f.addSlot({ startsIn: -2 * hourMs });
		f.db
			.insert(booking)
			.values({ slotId: past, userId: f.residents[0], channel: 'online', code: 'PAST22' })
			.run();
		for (let i = 0; i < 5; i++)
			expect(book(f.db, { slotId: f.addSlot(), byUserId: f.residents[0], now }).status).toBe('ok');
		expect(book(f.db, { slotId: f.addSlot(), byUserId: f.residents[0], now })).toEqual({
			status: 'limit',
			limit: 5
		});
	});
});

describe('channel quotas', () => {
	it('keeps reserved places for phone and desk bookings', () => {
		const f = createFixture();
		const slotId = f.addSlot({ capacity: 3, reserved: 2 });
		const [a, b, c, d] = f.residents;
		expect(book(f.db, { slotId, byUserId: a, now }).status).toBe('ok');
		// online may use only capacity − reserved = 1 place
		expect(book(f.db, { slotId, byUserId: b, now })).toEqual({
			status: 'full',
			waitlistOpen: true
		});
		expect(book(f.db, { slotId, forUserId: f.elderId, byUserId: f.carerId, now }).status).toBe(
			'full'
		);
		const phone = { slotId, byUserId: f.staffId, channel: 'phone' as const, now };
		expect(book(f.db, { ...phone, forUserId: c }).status).toBe('ok');
		expect(book(f.db, { ...phone, guest: { name: '赵大爷', phone: '13812345678' } }).status).toBe(
			'ok'
		);
		expect(book(f.db, { ...phone, forUserId: d })).toEqual({ status: 'full', waitlistOpen: true });
	});

	it('lets assisted bookings use places online did not take', () => {
		const f = createFixture();
		const slotId = f.addSlot({ capacity: 2, reserved: 1 });
		const desk = { slotId, byUserId: f.staffId, channel: 'desk' as const, now };
		expect(book(f.db, { ...desk, forUserId: f.residents[0] }).status).toBe('ok');
		expect(book(f.db, { ...desk, forUserId: f.residents[1] }).status).toBe('ok');
		expect(book(f.db, { slotId, byUserId: f.residents[2], now }).status).toBe('full');
	});
});

describe('who may book for whom', () => {
	it('lets a confirmed carer book for the elder (proxy) and records who booked', () => {
		const f = createFixture();
		const result = book(f.db, {
			slotId: f.addSlot(),
			forUserId: f.elderId,
			byUserId: f.carerId,
			now
		});
		expect(result.status).toBe('ok');
		if (result.status === 'ok')
			expect(result.booking).toMatchObject({
				channel: 'proxy',
				userId: f.elderId,
				bookedByUserId: f.carerId
			});
		// the carer gets the confirmation and reminders too
		const recipients = new Set(
			f.db
				.select()
				.from(notification)
				.all()
				.map((n) => n.userId)
		);
		expect(recipients).toEqual(new Set([f.elderId, f.carerId]));
	});

	it('refuses a resident booking for a stranger, and staff outside their community', () => {
		const f = createFixture();
		const slotId = f.addSlot();
		expect(
			book(f.db, { slotId, forUserId: f.residents[1], byUserId: f.residents[0], now }).status
		).toBe('forbidden');
		expect(
			book(f.db, {
				slotId,
				forUserId: f.residents[1],
				byUserId: f.otherStaffId,
				channel: 'desk',
				now
			}).status
		).toBe('forbidden');
		expect(
			book(f.db, {
				slotId,
				forUserId: f.residents[1],
				byUserId: f.residents[0],
				channel: 'phone',
				now
			}).status
		).toBe('forbidden');
	});

	it('audits bookings staff make on a resident’s behalf', () => {
		const f = createFixture();
		const slotId = f.addSlot();
		book(f.db, { slotId, forUserId: f.residents[0], byUserId: f.adminId, channel: 'phone', now });
		const rows = f.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'booking.create'), eq(auditLog.actorUserId, f.adminId)))
			.all();
		expect(rows).toHaveLength(1);
	});
});
