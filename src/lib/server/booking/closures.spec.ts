import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { book } from './book';
import { addClosure } from './closures';
import { setSlotCapacity } from './capacity';
import { join } from './waitlist';
import { booking, notification, slot, waitlistEntry } from '../db/schema';
import { createFixture, fixtureNow } from '../testing/booking';
import { addDays, hourMs, localDate } from '$lib/time';

const now = fixtureNow;

describe('a closure added over existing bookings', () => {
	it('cancels the bookings of the closed days with a notice, clears waitlists, leaves other days', () => {
		const f = createFixture();
		const tomorrow = f.addSlot({ startsIn: 24 * hourMs, capacity: 1 });
		const later = f.addSlot({ startsIn: 72 * hourMs });
		const b1 = book(f.db, { slotId: tomorrow, byUserId: f.residents[0], now });
		const b2 = book(f.db, { slotId: later, byUserId: f.residents[1], now });
		join(f.db, { slotId: tomorrow, byUserId: f.residents[2], now });
		const day = addDays(localDate(now), 1);
		const result = addClosure(f.db, {
			servicePointId: f.pointId,
			startsOn: day,
			endsOn: day,
			reason: '停电检修',
			byUserId: f.staffId,
			now
		});
		expect(result).toMatchObject({ status: 'ok', cancelledBookings: 1, clearedWaitlist: 1 });
		const status = (id: number) =>
			f.db.select().from(booking).where(eq(booking.id, id)).get()?.status;
		expect(b1.status === 'ok' && status(b1.booking.id)).toBe('cancelled');
		expect(b2.status === 'ok' && status(b2.booking.id)).toBe('booked');
		const closed = f.db.select().from(slot).where(eq(slot.id, tomorrow)).get()!;
		expect(closed).toMatchObject({ bookedCount: 0, cancelReason: '停电检修' });
		expect(f.db.select().from(waitlistEntry).get()?.status).toBe('cleared');
		const kinds = f.db
			.select()
			.from(notification)
			.all()
			.map((n) => n.kind);
		expect(kinds).toContain('booking_cancelled_closure');
		expect(kinds).toContain('waitlist_cleared');
		expect(book(f.db, { slotId: tomorrow, byUserId: f.residents[3], now }).status).toBe('closed');
	});

	it('is for staff of the community only', () => {
		const f = createFixture();
		const day = localDate(now);
		const input = { servicePointId: f.pointId, startsOn: day, endsOn: day, reason: '节假日', now };
		expect(addClosure(f.db, { ...input, byUserId: f.otherStaffId }).status).toBe('forbidden');
		expect(addClosure(f.db, { ...input, byUserId: f.residents[0] }).status).toBe('forbidden');
		expect(addClosure(f.db, { ...input, endsOn: '2020-01-01', byUserId: f.staffId }).status).toBe(
			'invalid'
		);
	});
});

describe('capacity lowered below the booked count', () => {
	it('refuses and reports the conflict, dropping no one', () => {
		const f = createFixture();
		const slotId = f.addSlot({ capacity: 3 });
		for (const r of f.residents.slice(0, 3)) book(f.db, { slotId, byUserId: r, now });
		const result = setSlotCapacity(f.db, { slotId, capacity: 2, byUserId: f.staffId, now });
		expect(result).toMatchObject({ status: 'conflict', bookedCount: 3, capacity: 2 });
		if (result.status === 'conflict') expect(result.bookingIds).toHaveLength(3);
		const row = f.db.select().from(slot).where(eq(slot.id, slotId)).get()!;
		expect(row.capacityOverride).toBeNull();
		expect(
			f.db
				.select()
				.from(booking)
				.all()
				.every((b) => b.status === 'booked')
		).toBe(true);
	});

	it('accepts lowering to exactly the booked count; raising fills from the waitlist', () => {
		const f = createFixture();
		const slotId = f.addSlot({ capacity: 2 });
		for (const r of f.residents.slice(0, 2)) book(f.db, { slotId, byUserId: r, now });
		join(f.db, { slotId, byUserId: f.residents[2], now });
		expect(setSlotCapacity(f.db, { slotId, capacity: 2, byUserId: f.staffId, now }).status).toBe(
			'ok'
		);
		const raised = setSlotCapacity(f.db, { slotId, capacity: 3, byUserId: f.staffId, now });
		expect(raised).toMatchObject({ status: 'ok' });
		if (raised.status === 'ok') expect(raised.promotedBookingIds).toHaveLength(1);
		expect(f.db.select().from(slot).where(eq(slot.id, slotId)).get()?.bookedCount).toBe(3);
	});
});
