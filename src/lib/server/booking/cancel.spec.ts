import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { book } from './book';
import { cancel, rebook } from './cancel';
import { setStatus } from './status';
import { join, position } from './waitlist';
import { auditLog, booking, familyLink, notification, outbox, slot } from '../db/schema';
import { getForViewer, listForViewer } from './queries';
import { createFixture, fixtureNow } from './test-fixture';
import type { Fixture } from './test-fixture';
import { hourMs, minuteMs } from '$lib/time';

const now = fixtureNow;

function bookOk(f: Fixture, slotId: number, userId: number) {
	const result = book({ slotId, byUserId: userId, now }, f.db);
	if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
	return result.booking;
}

describe('cancellation cut-off', () => {
	it('lets a resident cancel exactly at the cut-off, not a minute later, and names the phone', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 3 * hourMs });
		const a = bookOk(f, slotId, f.residents[0]);
		const b = bookOk(f, slotId, f.residents[1]);
		const atCutoff = now + hourMs; // 2 hours before the start
		expect(cancel({ bookingId: a.id, byUserId: f.residents[0], now: atCutoff }, f.db).status).toBe(
			'ok'
		);
		expect(
			cancel({ bookingId: b.id, byUserId: f.residents[1], now: atCutoff + minuteMs }, f.db)
		).toEqual({
			status: 'too_late',
			phone: '09376211111',
			cancelCutoffMinutes: 120
		});
	});

	it('lets staff of the community cancel inside the cut-off, audited and with a notice', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: hourMs });
		const b = bookOk(f, slotId, f.residents[0]);
		const late = { bookingId: b.id, reason: '厨房检修', now, asStaff: true };
		expect(cancel({ ...late, byUserId: f.otherStaffId }, f.db).status).toBe('forbidden');
		expect(cancel({ ...late, byUserId: f.staffId }, f.db).status).toBe('ok');
		const row = f.db.select().from(booking).where(eq(booking.id, b.id)).get()!;
		expect(row).toMatchObject({
			status: 'cancelled',
			cancelledByUserId: f.staffId,
			cancelReason: '厨房检修'
		});
		const kinds = f.db
			.select()
			.from(notification)
			.all()
			.map((n) => n.kind);
		expect(kinds).toContain('booking_cancelled_by_staff');
		const sms = f.db
			.select()
			.from(outbox)
			.all()
			.map((o) => o.body);
		expect(sms.some((body) => body.includes('厨房检修'))).toBe(true);
		expect(
			f.db.select().from(auditLog).where(eq(auditLog.action, 'booking.cancel_by_staff')).all()
		).toHaveLength(1);
	});

	it('refuses strangers and bookings that are no longer active', () => {
		const f = createFixture();
		const b = bookOk(f, f.addSlot(), f.residents[0]);
		expect(cancel({ bookingId: b.id, byUserId: f.residents[1], now }, f.db).status).toBe(
			'forbidden'
		);
		expect(cancel({ bookingId: b.id, byUserId: f.residents[0], now }, f.db).status).toBe('ok');
		expect(cancel({ bookingId: b.id, byUserId: f.residents[0], now }, f.db).status).toBe(
			'not_active'
		);
		expect(cancel({ bookingId: 999, byUserId: f.residents[0], now }, f.db).status).toBe(
			'not_found'
		);
	});

	it('takes back the reminders of a cancelled booking', () => {
		const f = createFixture();
		const b = bookOk(f, f.addSlot({ startsIn: 48 * hourMs }), f.residents[0]);
		cancel({ bookingId: b.id, byUserId: f.residents[0], now }, f.db);
		expect(
			f.db
				.select()
				.from(outbox)
				.all()
				.filter((o) => o.sentAt === null && o.sendAfter)
		).toHaveLength(0);
		expect(
			f.db
				.select()
				.from(notification)
				.all()
				.filter((n) => n.kind === 'booking_reminder')
		).toHaveLength(0);
	});
});

describe('waitlist promotion', () => {
	it('promotes the first in line on cancellation, in the same transaction, and notifies them', () => {
		const f = createFixture();
		const slotId = f.addSlot({ capacity: 1 });
		const held = bookOk(f, slotId, f.residents[0]);
		const first = join({ slotId, byUserId: f.residents[1], now }, f.db);
		const second = join({ slotId, forUserId: f.elderId, byUserId: f.carerId, now }, f.db);
		expect(first).toMatchObject({ status: 'ok', position: 1 });
		expect(second).toMatchObject({ status: 'ok', position: 2 });
		const result = cancel({ bookingId: held.id, byUserId: f.residents[0], now }, f.db);
		expect(result.status).toBe('ok');
		if (result.status !== 'ok' || second.status !== 'ok') return;
		expect(result.promotedBookingIds).toHaveLength(1);
		const promoted = f.db
			.select()
			.from(booking)
			.where(eq(booking.id, result.promotedBookingIds[0]))
			.get();
		expect(promoted?.userId).toBe(f.residents[1]);
		expect(position(f.db, second.entryId)).toBe(1);
		const notice = f.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'waitlist_promoted'))
			.all();
		expect(notice.map((n) => n.userId)).toEqual([f.residents[1]]);
		expect(f.db.select().from(slot).where(eq(slot.id, slotId)).get()?.bookedCount).toBe(1);
	});

	it('refuses to queue for a slot with free places or twice for the same person', () => {
		const f = createFixture();
		const slotId = f.addSlot({ capacity: 1 });
		expect(join({ slotId, byUserId: f.residents[1], now }, f.db).status).toBe('available');
		bookOk(f, slotId, f.residents[0]);
		expect(join({ slotId, byUserId: f.residents[0], now }, f.db).status).toBe('already_booked');
		expect(join({ slotId, byUserId: f.residents[1], now }, f.db).status).toBe('ok');
		expect(join({ slotId, byUserId: f.residents[1], now }, f.db)).toMatchObject({
			status: 'duplicate',
			position: 1
		});
	});
});

describe('status changes', () => {
	it('lets staff mark attended or no-show once, audited; residents may not', () => {
		const f = createFixture();
		const b = bookOk(f, f.addSlot(), f.residents[0]);
		expect(
			setStatus({ bookingId: b.id, status: 'attended', byUserId: f.residents[0], now }, f.db).status
		).toBe('forbidden');
		expect(
			setStatus({ bookingId: b.id, status: 'attended', byUserId: f.staffId, now }, f.db).status
		).toBe('ok');
		expect(
			setStatus({ bookingId: b.id, status: 'no_show', byUserId: f.staffId, now }, f.db).status
		).toBe('not_active');
		const rows = f.db.select().from(auditLog).where(eq(auditLog.action, 'booking.attended')).all();
		expect(rows[0].detail).toEqual({ from: 'booked', to: 'attended' });
	});
});

describe('rebooking', () => {
	it('moves a booking to another slot atomically', () => {
		const f = createFixture();
		const from = f.addSlot();
		const to = f.addSlot({ capacity: 1 });
		const b = bookOk(f, from, f.residents[0]);
		const moved = rebook({ bookingId: b.id, slotId: to, byUserId: f.residents[0], now }, f.db);
		expect(moved.status).toBe('ok');
		expect(f.db.select().from(booking).where(eq(booking.id, b.id)).get()?.status).toBe('cancelled');
	});

	it('keeps the old booking when the new slot is full', () => {
		const f = createFixture();
		const from = f.addSlot();
		const to = f.addSlot({ capacity: 1 });
		bookOk(f, to, f.residents[1]);
		const b = bookOk(f, from, f.residents[0]);
		expect(
			rebook({ bookingId: b.id, slotId: to, byUserId: f.residents[0], now }, f.db).status
		).toBe('full');
		expect(f.db.select().from(booking).where(eq(booking.id, b.id)).get()?.status).toBe('booked');
		expect(f.db.select().from(slot).where(eq(slot.id, from)).get()?.bookedCount).toBe(1);
	});
});

describe('a carer acts for the elder only while the link lasts', () => {
	it('cannot cancel, after the link ended, what they booked for the elder; the elder still can', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		const made = book({ slotId, forUserId: f.elderId, byUserId: f.carerId, now }, f.db);
		if (made.status !== 'ok') throw new Error(made.status);
		f.db
			.update(familyLink)
			.set({ endedAt: new Date(now) })
			.run();
		expect(cancel({ bookingId: made.booking.id, byUserId: f.carerId, now }, f.db)).toEqual({
			status: 'forbidden'
		});
		expect(getForViewer(made.booking.id, f.carerId, now, f.db)).toBeNull();
		expect(listForViewer(f.carerId, now, f.db).upcoming).toEqual([]);
		expect(getForViewer(made.booking.id, f.elderId, now, f.db)?.id).toBe(made.booking.id);
		expect(cancel({ bookingId: made.booking.id, byUserId: f.elderId, now }, f.db).status).toBe(
			'ok'
		);
	});
});
