import { describe, expect, it } from 'vitest';
import { transaction } from '../db';
import { and, eq, inArray } from 'drizzle-orm';
import { book } from './book';
import {
	auditLog,
	booking,
	notification,
	outbox,
	serviceCategory,
	servicePoint,
	slot,
	user
} from '../db/schema';
import { createFixture, fixtureNow } from '../testing/booking';
import { join } from './waitlist';
import { hourMs, localMidnight, minuteMs } from '$lib/time';

const now = fixtureNow;

describe('booking a place', () => {
	it('books a free place, counts it on the slot and confirms it in the portal and by SMS', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 48 * hourMs });
		const result = await book(f.db, { slotId, byUserId: f.residents[0], now });
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		expect(result.code).toMatch(/^[A-Z2-9]{6}$/);
		expect(result.booking).toMatchObject({ channel: 'online', userId: f.residents[0] });
		expect((await f.db.select().from(slot).where(eq(slot.id, slotId)))[0]?.bookedCount).toBe(1);
		const notices = await f.db.select().from(notification);
		// confirmation now, reminders 24 h and 2 h before (stored ahead, shown when due)
		expect(notices.map((n) => n.kind).sort()).toEqual([
			'booking_confirmed',
			'booking_reminder',
			'booking_reminder'
		]);
		const sms = await f.db.select().from(outbox);
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

	it('skips reminders that would already be due', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 90 * minuteMs });
		expect((await book(f.db, { slotId, byUserId: f.residents[0], now })).status).toBe('ok');
		expect(await f.db.select().from(outbox)).toHaveLength(1);
	});

	it('refuses a second booking of the same person for the same slot', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot();
		const first = await book(f.db, { slotId, byUserId: f.residents[0], now });
		const second = await book(f.db, { slotId, byUserId: f.residents[0], now });
		expect(second).toEqual({
			status: 'duplicate',
			bookingId: first.status === 'ok' ? first.booking.id : -1
		});
	});

	it('says full and that the waitlist is open when no place is left', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ capacity: 1 });
		expect((await book(f.db, { slotId, byUserId: f.residents[0], now })).status).toBe('ok');
		expect(await book(f.db, { slotId, byUserId: f.residents[1], now })).toEqual({
			status: 'full',
			waitlistOpen: true
		});
	});

	it('answers not_found for an unknown slot or person', async () => {
		const f = await createFixture();
		expect((await book(f.db, { slotId: 999, byUserId: f.residents[0], now })).status).toBe(
			'not_found'
		);
		const slotId = await f.addSlot();
		expect(
			(await book(f.db, { slotId, forUserId: 999, byUserId: f.staffId, channel: 'desk', now }))
				.status
		).toBe('not_found');
	});
});

describe('minimum notice', () => {
	it('accepts a booking exactly at the notice limit and refuses one a minute later', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 30 * minuteMs }); // default notice: 30 minutes
		expect((await book(f.db, { slotId, byUserId: f.residents[0], now })).status).toBe('ok');
		expect(await book(f.db, { slotId, byUserId: f.residents[1], now: now + minuteMs })).toEqual({
			status: 'too_late',
			minNoticeMinutes: 30
		});
	});

	it('lets desk staff book a walk-in until the slot ends', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: -10 * minuteMs });
		const walkIn = { slotId, forUserId: f.residents[0], byUserId: f.staffId, now };
		expect((await book(f.db, { ...walkIn, channel: 'desk' })).status).toBe('ok');
		expect(
			(await book(f.db, { ...walkIn, channel: 'desk', now: now + 20 * minuteMs })).status
		).toBe('too_late');
	});
});

describe('the booking horizon (可提前预约天数, 14 by default)', () => {
	// fixtureNow is 2026-11-26 10:00 in Jiayuguan: the 14th day ahead is 2026-12-10
	const lastMinuteOfLastDay = localMidnight('2026-12-11') - minuteMs - fixtureNow;
	const firstMinuteAfter = localMidnight('2026-12-11') - fixtureNow;

	it('accepts a slot on the last day of the horizon and refuses one on the day after', async () => {
		const f = await createFixture();
		const last = await f.addSlot({ startsIn: lastMinuteOfLastDay });
		const after = await f.addSlot({ startsIn: firstMinuteAfter });
		expect((await book(f.db, { slotId: last, byUserId: f.residents[0], now })).status).toBe('ok');
		expect(await book(f.db, { slotId: after, byUserId: f.residents[0], now })).toEqual({
			status: 'beyond_horizon',
			horizonDays: 14
		});
		expect(
			(await book(f.db, { slotId: after, forUserId: f.elderId, byUserId: f.carerId, now })).status
		).toBe('beyond_horizon');
		expect(await f.db.select().from(booking).where(eq(booking.slotId, after))).toEqual([]);
		expect((await f.db.select().from(slot).where(eq(slot.id, after)))[0]?.bookedCount).toBe(0);
	});

	it('follows the point’s own horizon and the passing days', async () => {
		const f = await createFixture();
		await transaction(f.db, async (tx) => {
			await tx
				.update(servicePoint)
				.set({ bookingHorizonDays: 2 })
				.where(eq(servicePoint.id, f.pointId));
		});
		const slotId = await f.addSlot({
			startsIn: localMidnight('2026-11-29') + 9 * hourMs - fixtureNow
		});
		expect(await book(f.db, { slotId, byUserId: f.residents[0], now })).toEqual({
			status: 'beyond_horizon',
			horizonDays: 2
		});
		expect(
			(await book(f.db, { slotId, byUserId: f.residents[0], now: now + 14 * hourMs })).status
		).toBe('ok');
	});

	it('binds neither staff booking by phone nor at the desk; the waitlist keeps the same horizon', async () => {
		const f = await createFixture();
		const after = await f.addSlot({ startsIn: firstMinuteAfter, capacity: 1 });
		const byPhone = { slotId: after, forUserId: f.residents[0], byUserId: f.staffId, now };
		expect((await book(f.db, { ...byPhone, channel: 'phone' })).status).toBe('ok');
		expect(await join(f.db, { slotId: after, byUserId: f.residents[1], now })).toEqual({
			status: 'beyond_horizon',
			horizonDays: 14
		});
	});
});

describe('a category that takes no bookings', () => {
	it('refuses bookings at its points as closed', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot();
		await transaction(f.db, async (tx) => {
			await tx.update(serviceCategory).set({ bookable: false });
		});
		expect((await book(f.db, { slotId, byUserId: f.residents[0], now })).status).toBe('closed');
	});
});

describe('the per-person limit of active future bookings', () => {
	it('allows five and refuses the sixth; a past booking does not count', async () => {
		const f = await createFixture();
		const past = await f.addSlot({ startsIn: -2 * hourMs });
		await transaction(f.db, async (tx) => {
			await tx
				.insert(booking)
				.values({ slotId: past, userId: f.residents[0], channel: 'online', code: 'PAST22' });
		});
		for (let i = 0; i < 5; i++)
			expect(
				(await book(f.db, { slotId: await f.addSlot(), byUserId: f.residents[0], now })).status
			).toBe('ok');
		expect(await book(f.db, { slotId: await f.addSlot(), byUserId: f.residents[0], now })).toEqual({
			status: 'limit',
			limit: 5
		});
	});
});

describe('channel quotas', () => {
	it('keeps reserved places for phone and desk bookings', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ capacity: 3, reserved: 2 });
		const [a, b, c, d] = f.residents;
		expect((await book(f.db, { slotId, byUserId: a, now })).status).toBe('ok');
		// online may use only capacity − reserved = 1 place
		expect(await book(f.db, { slotId, byUserId: b, now })).toEqual({
			status: 'full',
			waitlistOpen: true
		});
		expect(
			(await book(f.db, { slotId, forUserId: f.elderId, byUserId: f.carerId, now })).status
		).toBe('full');
		const phone = { slotId, byUserId: f.staffId, channel: 'phone' as const, now };
		expect((await book(f.db, { ...phone, forUserId: c })).status).toBe('ok');
		expect(
			(await book(f.db, { ...phone, guest: { name: '赵大爷', phone: '13812345678' } })).status
		).toBe('ok');
		expect(await book(f.db, { ...phone, forUserId: d })).toEqual({
			status: 'full',
			waitlistOpen: true
		});
	});

	it('lets assisted bookings use places online did not take', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ capacity: 2, reserved: 1 });
		const desk = { slotId, byUserId: f.staffId, channel: 'desk' as const, now };
		expect((await book(f.db, { ...desk, forUserId: f.residents[0] })).status).toBe('ok');
		expect((await book(f.db, { ...desk, forUserId: f.residents[1] })).status).toBe('ok');
		expect((await book(f.db, { slotId, byUserId: f.residents[2], now })).status).toBe('full');
	});
});

describe('who may book for whom', () => {
	it('lets a confirmed carer book for the elder (proxy) and records who booked', async () => {
		const f = await createFixture();
		const result = await book(f.db, {
			slotId: await f.addSlot(),
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
		const recipients = new Set((await f.db.select().from(notification)).map((n) => n.userId));
		expect(recipients).toEqual(new Set([f.elderId, f.carerId]));
	});

	it('refuses a resident booking for a stranger, and staff outside their community', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot();
		expect(
			(await book(f.db, { slotId, forUserId: f.residents[1], byUserId: f.residents[0], now }))
				.status
		).toBe('forbidden');
		expect(
			(
				await book(f.db, {
					slotId,
					forUserId: f.residents[1],
					byUserId: f.otherStaffId,
					channel: 'desk',
					now
				})
			).status
		).toBe('forbidden');
		expect(
			(
				await book(f.db, {
					slotId,
					forUserId: f.residents[1],
					byUserId: f.residents[0],
					channel: 'phone',
					now
				})
			).status
		).toBe('forbidden');
	});

	it('refuses a deleted account booking for itself or for a guest (it exists, but cannot act)', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot();
		const [resident, deskStaff] = [f.residents[0], f.staffId];
		await transaction(f.db, (tx) =>
			tx
				.update(user)
				.set({ deletedAt: new Date(now) })
				.where(inArray(user.id, [resident, deskStaff]))
		);
		// the account exists (not not_found) but can no longer act
		expect((await book(f.db, { slotId, byUserId: resident, now })).status).toBe('forbidden');
		const guest = { name: '王阿姨', phone: '13900000000' };
		expect(
			(await book(f.db, { slotId, guest, byUserId: deskStaff, channel: 'desk', now })).status
		).toBe('forbidden');
		expect(
			(await book(f.db, { slotId, guest, byUserId: f.otherStaffId, channel: 'desk', now })).status
		).toBe('forbidden');
	});

	it('audits bookings staff make on a resident’s behalf', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot();
		await book(f.db, {
			slotId,
			forUserId: f.residents[0],
			byUserId: f.adminId,
			channel: 'phone',
			now
		});
		const rows = await f.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'booking.create'), eq(auditLog.actorUserId, f.adminId)));
		expect(rows).toHaveLength(1);
	});
});
