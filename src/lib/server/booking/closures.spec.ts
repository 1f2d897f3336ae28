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
	it('cancels the bookings of the closed days with a notice, clears waitlists, leaves other days', async () => {
		const f = await createFixture();
		const tomorrow = await f.addSlot({ startsIn: 24 * hourMs, capacity: 1 });
		const later = await f.addSlot({ startsIn: 72 * hourMs });
		const b1 = await book(f.db, { slotId: tomorrow, byUserId: f.residents[0], now });
		const b2 = await book(f.db, { slotId: later, byUserId: f.residents[1], now });
		await join(f.db, { slotId: tomorrow, byUserId: f.residents[2], now });
		const day = addDays(localDate(now), 1);
		const result = await addClosure(f.db, {
			servicePointId: f.pointId,
			startsOn: day,
			endsOn: day,
			reason: '停电检修',
			byUserId: f.staffId,
			now
		});
		expect(result).toMatchObject({ status: 'ok', cancelledBookings: 1, clearedWaitlist: 1 });
		const status = async (id: number) =>
			(await f.db.select().from(booking).where(eq(booking.id, id)))[0]?.status;
		expect(b1.status === 'ok' && (await status(b1.booking.id))).toBe('cancelled');
		expect(b2.status === 'ok' && (await status(b2.booking.id))).toBe('booked');
		const closed = (await f.db.select().from(slot).where(eq(slot.id, tomorrow)))[0]!;
		expect(closed).toMatchObject({ bookedCount: 0, cancelReason: '停电检修' });
		expect((await f.db.select().from(waitlistEntry))[0]?.status).toBe('cleared');
		const kinds = (await f.db.select().from(notification)).map((n) => n.kind);
		expect(kinds).toContain('booking_cancelled_closure');
		expect(kinds).toContain('waitlist_cleared');
		expect((await book(f.db, { slotId: tomorrow, byUserId: f.residents[3], now })).status).toBe(
			'closed'
		);
	});

	it('is for staff of the community only', async () => {
		const f = await createFixture();
		const day = localDate(now);
		const input = { servicePointId: f.pointId, startsOn: day, endsOn: day, reason: '节假日', now };
		expect((await addClosure(f.db, { ...input, byUserId: f.otherStaffId })).status).toBe(
			'forbidden'
		);
		expect((await addClosure(f.db, { ...input, byUserId: f.residents[0] })).status).toBe(
			'forbidden'
		);
		expect(
			(await addClosure(f.db, { ...input, endsOn: '2020-01-01', byUserId: f.staffId })).status
		).toBe('invalid');
	});
});

describe('capacity lowered below the booked count', () => {
	it('refuses and reports the conflict, dropping no one', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ capacity: 3 });
		for (const r of f.residents.slice(0, 3)) await book(f.db, { slotId, byUserId: r, now });
		const result = await setSlotCapacity(f.db, { slotId, capacity: 2, byUserId: f.staffId, now });
		expect(result).toMatchObject({ status: 'conflict', bookedCount: 3, capacity: 2 });
		if (result.status === 'conflict') expect(result.bookingIds).toHaveLength(3);
		const row = (await f.db.select().from(slot).where(eq(slot.id, slotId)))[0]!;
		expect(row.capacityOverride).toBeNull();
		expect((await f.db.select().from(booking)).every((b) => b.status === 'booked')).toBe(true);
	});

	it('accepts lowering to exactly the booked count; raising fills from the waitlist', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ capacity: 2 });
		for (const r of f.residents.slice(0, 2)) await book(f.db, { slotId, byUserId: r, now });
		await join(f.db, { slotId, byUserId: f.residents[2], now });
		expect(
			(await setSlotCapacity(f.db, { slotId, capacity: 2, byUserId: f.staffId, now })).status
		).toBe('ok');
		const raised = await setSlotCapacity(f.db, { slotId, capacity: 3, byUserId: f.staffId, now });
		expect(raised).toMatchObject({ status: 'ok' });
		if (raised.status === 'ok') expect(raised.promotedBookingIds).toHaveLength(1);
		expect((await f.db.select().from(slot).where(eq(slot.id, slotId)))[0]?.bookedCount).toBe(3);
	});
});
