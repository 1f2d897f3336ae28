import { describe, expect, it } from 'vitest';
import { transaction } from '../db';
import { eq } from 'drizzle-orm';
import { book } from './book';
import { cancel, rebook } from './cancel';
import { setStatus } from './status';
import { join, position } from './waitlist';
import { auditLog, booking, familyLink, notification, outbox, slot } from '../db/schema';
import { getForViewer, listForViewer } from './queries';
import { createFixture, fixtureNow } from '../testing/booking';
import { hourMs, minuteMs } from '$lib/time';
import type { Fixture } from '../testing/booking';

const now = fixtureNow;

async function bookOk(f: Fixture, slotId: number, userId: number) {
	const result = await book(f.db, { slotId, byUserId: userId, now });
	if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
	return result.booking;
}

describe('cancellation cut-off', () => {
	it('lets a resident cancel exactly at the cut-off, not a minute later, and names the phone', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 3 * hourMs });
		const a = await bookOk(f, slotId, f.residents[0]);
		const b = await bookOk(f, slotId, f.residents[1]);
		const atCutoff = now + hourMs; // 2 hours before the start
		expect(
			(await cancel(f.db, { bookingId: a.id, byUserId: f.residents[0], now: atCutoff })).status
		).toBe('ok');
		expect(
			await cancel(f.db, { bookingId: b.id, byUserId: f.residents[1], now: atCutoff + minuteMs })
		).toEqual({
			status: 'too_late',
			phone: '09376211111',
			cancelCutoffMinutes: 120
		});
	});

	it('lets staff of the community cancel inside the cut-off, audited and with a notice', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: hourMs });
		const b = await bookOk(f, slotId, f.residents[0]);
		const late = { bookingId: b.id, reason: '厨房检修', now, asStaff: true };
		expect((await cancel(f.db, { ...late, byUserId: f.otherStaffId })).status).toBe('forbidden');
		expect((await cancel(f.db, { ...late, byUserId: f.staffId })).status).toBe('ok');
		const row = (await f.db.select().from(booking).where(eq(booking.id, b.id)))[0]!;
		expect(row).toMatchObject({
			status: 'cancelled',
			cancelledByUserId: f.staffId,
			cancelReason: '厨房检修'
		});
		const kinds = (await f.db.select().from(notification)).map((n) => n.kind);
		expect(kinds).toContain('booking_cancelled_by_staff');
		const sms = (await f.db.select().from(outbox)).map((o) => o.body);
		expect(sms.some((body) => body.includes('厨房检修'))).toBe(true);
		expect(
			await f.db.select().from(auditLog).where(eq(auditLog.action, 'booking.cancel_by_staff'))
		).toHaveLength(1);
	});

	it('refuses strangers and bookings that are no longer active', async () => {
		const f = await createFixture();
		const b = await bookOk(f, await f.addSlot(), f.residents[0]);
		expect((await cancel(f.db, { bookingId: b.id, byUserId: f.residents[1], now })).status).toBe(
			'forbidden'
		);
		expect((await cancel(f.db, { bookingId: b.id, byUserId: f.residents[0], now })).status).toBe(
			'ok'
		);
		expect((await cancel(f.db, { bookingId: b.id, byUserId: f.residents[0], now })).status).toBe(
			'not_active'
		);
		expect((await cancel(f.db, { bookingId: 999, byUserId: f.residents[0], now })).status).toBe(
			'not_found'
		);
	});

	it('takes back the reminders of a cancelled booking', async () => {
		const f = await createFixture();
		const b = await bookOk(f, await f.addSlot({ startsIn: 48 * hourMs }), f.residents[0]);
		await cancel(f.db, { bookingId: b.id, byUserId: f.residents[0], now });
		expect(
			(await f.db.select().from(outbox)).filter((o) => o.sentAt === null && o.sendAfter)
		).toHaveLength(0);
		expect(
			(await f.db.select().from(notification)).filter((n) => n.kind === 'booking_reminder')
		).toHaveLength(0);
	});
});

describe('waitlist promotion', () => {
	it('promotes the first in line on cancellation, in the same transaction, and notifies them', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ capacity: 1 });
		const held = await bookOk(f, slotId, f.residents[0]);
		const first = await join(f.db, { slotId, byUserId: f.residents[1], now });
		const second = await join(f.db, { slotId, forUserId: f.elderId, byUserId: f.carerId, now });
		expect(first).toMatchObject({ status: 'ok', position: 1 });
		expect(second).toMatchObject({ status: 'ok', position: 2 });
		const result = await cancel(f.db, { bookingId: held.id, byUserId: f.residents[0], now });
		expect(result.status).toBe('ok');
		if (result.status !== 'ok' || second.status !== 'ok') return;
		expect(result.promotedBookingIds).toHaveLength(1);
		const promoted = (
			await f.db.select().from(booking).where(eq(booking.id, result.promotedBookingIds[0]))
		)[0];
		expect(promoted?.userId).toBe(f.residents[1]);
		expect(await position(f.db, second.entryId)).toBe(1);
		const notice = await f.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'waitlist_promoted'));
		expect(notice.map((n) => n.userId)).toEqual([f.residents[1]]);
		expect((await f.db.select().from(slot).where(eq(slot.id, slotId)))[0]?.bookedCount).toBe(1);
	});

	it('refuses to queue for a slot with free places or twice for the same person', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ capacity: 1 });
		expect((await join(f.db, { slotId, byUserId: f.residents[1], now })).status).toBe('available');
		await bookOk(f, slotId, f.residents[0]);
		expect((await join(f.db, { slotId, byUserId: f.residents[0], now })).status).toBe(
			'already_booked'
		);
		expect((await join(f.db, { slotId, byUserId: f.residents[1], now })).status).toBe('ok');
		expect(await join(f.db, { slotId, byUserId: f.residents[1], now })).toMatchObject({
			status: 'duplicate',
			position: 1
		});
	});
});

describe('status changes', () => {
	it('lets staff mark attended or no-show once, audited; residents may not', async () => {
		const f = await createFixture();
		const b = await bookOk(f, await f.addSlot(), f.residents[0]);
		expect(
			(
				await setStatus(f.db, {
					bookingId: b.id,
					status: 'attended',
					byUserId: f.residents[0],
					now
				})
			).status
		).toBe('forbidden');
		expect(
			(await setStatus(f.db, { bookingId: b.id, status: 'attended', byUserId: f.staffId, now }))
				.status
		).toBe('ok');
		expect(
			(await setStatus(f.db, { bookingId: b.id, status: 'no_show', byUserId: f.staffId, now }))
				.status
		).toBe('not_active');
		const rows = await f.db.select().from(auditLog).where(eq(auditLog.action, 'booking.attended'));
		expect(rows[0].detail).toEqual({ from: 'booked', to: 'attended' });
	});
});

describe('rebooking', () => {
	it('moves a booking to another slot atomically', async () => {
		const f = await createFixture();
		const from = await f.addSlot();
		const to = await f.addSlot({ capacity: 1 });
		const b = await bookOk(f, from, f.residents[0]);
		const moved = await rebook(f.db, {
			bookingId: b.id,
			slotId: to,
			byUserId: f.residents[0],
			now
		});
		expect(moved.status).toBe('ok');
		expect((await f.db.select().from(booking).where(eq(booking.id, b.id)))[0]?.status).toBe(
			'cancelled'
		);
	});

	it('keeps the old booking when the new slot is full', async () => {
		const f = await createFixture();
		const from = await f.addSlot();
		const to = await f.addSlot({ capacity: 1 });
		await bookOk(f, to, f.residents[1]);
		const b = await bookOk(f, from, f.residents[0]);
		expect(
			(await rebook(f.db, { bookingId: b.id, slotId: to, byUserId: f.residents[0], now })).status
		).toBe('full');
		expect((await f.db.select().from(booking).where(eq(booking.id, b.id)))[0]?.status).toBe(
			'booked'
		);
		expect((await f.db.select().from(slot).where(eq(slot.id, from)))[0]?.bookedCount).toBe(1);
	});
});

describe('a carer acts for the elder only while the link lasts', () => {
	it('cannot cancel, after the link ended, what they booked for the elder; the elder still can', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 48 * hourMs });
		const made = await book(f.db, { slotId, forUserId: f.elderId, byUserId: f.carerId, now });
		if (made.status !== 'ok') throw new Error(made.status);
		await transaction(f.db, async (tx) => {
			await tx.update(familyLink).set({ endedAt: new Date(now) });
		});
		expect(await cancel(f.db, { bookingId: made.booking.id, byUserId: f.carerId, now })).toEqual({
			status: 'forbidden'
		});
		expect(await getForViewer(f.db, made.booking.id, f.carerId, now)).toBeNull();
		expect((await listForViewer(f.db, f.carerId, now)).upcoming).toEqual([]);
		expect((await getForViewer(f.db, made.booking.id, f.elderId, now))?.id).toBe(made.booking.id);
		expect(
			(await cancel(f.db, { bookingId: made.booking.id, byUserId: f.elderId, now })).status
		).toBe('ok');
	});
});
