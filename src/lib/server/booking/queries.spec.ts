import { describe, expect, it } from 'vitest';
import { book } from './book';
import { cancel } from './cancel';
import { heldSlots, listForViewer } from './queries';
import { createFixture, fixtureNow } from '../testing/booking';
import { hourMs } from '$lib/time';

const now = fixtureNow;

describe('my bookings lists', () => {
	it('lists a booking cancelled today under cancelled, not under past or upcoming', () => {
		const f = createFixture();
		const today = f.addSlot({ startsIn: 4 * hourMs });
		const tomorrow = f.addSlot({ startsIn: 28 * hourMs });
		const person = f.residents[0];
		const ids = [today, tomorrow, tomorrow].map((slotId) => {
			const result = book(f.db, { slotId, byUserId: person, now });
			if (result.status !== 'ok') throw new Error(result.status);
			expect(cancel(f.db, { bookingId: result.booking.id, byUserId: person, now }).status).toBe(
				'ok'
			);
			return result.booking.id;
		});
		// later the same day, after the cancelled slot's time
		const lists = listForViewer(f.db, person, now + 6 * hourMs);
		expect(lists.past).toEqual([]);
		expect(lists.upcoming).toEqual([]);
		expect(lists.cancelled.map((b) => b.id).sort()).toEqual([...ids].sort());
	});

	it('knows which slots a person holds, and forgets a cancelled hold', () => {
		const f = createFixture();
		const a = f.addSlot();
		const b = f.addSlot();
		const mine = book(f.db, { slotId: a, byUserId: f.residents[0], now });
		const other = book(f.db, { slotId: b, byUserId: f.residents[1], now });
		if (mine.status !== 'ok' || other.status !== 'ok') throw new Error('not booked');
		expect([...heldSlots(f.db, f.residents[0], [a, b])]).toEqual([[a, mine.booking.id]]);
		cancel(f.db, { bookingId: mine.booking.id, byUserId: f.residents[0], now });
		expect(heldSlots(f.db, f.residents[0], [a, b]).size).toBe(0);
	});
});
