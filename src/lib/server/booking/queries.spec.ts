import { describe, expect, it } from 'vitest';
import { book } from './book';
import { cancel } from './cancel';
import { heldSlots, listForViewer } from './queries';
import { createFixture, fixtureNow } from '../testing/booking';
import { hourMs } from '$lib/time';

const now = fixtureNow;

describe('my bookings lists', () => {
	it('lists a booking cancelled today under cancelled, not under past or upcoming', async () => {
		const f = await createFixture();
		const today = await f.addSlot({ startsIn: 4 * hourMs });
		const tomorrow = await f.addSlot({ startsIn: 28 * hourMs });
		const person = f.residents[0];
		const ids: number[] = [];
		for (const slotId of [today, tomorrow, tomorrow]) {
			const result = await book(f.db, { slotId, byUserId: person, now });
			if (result.status !== 'ok') throw new Error(result.status);
			expect(
				(await cancel(f.db, { bookingId: result.booking.id, byUserId: person, now })).status
			).toBe('ok');
			ids.push(result.booking.id);
		}
		// later the same day, after the cancelled slot's time
		const lists = await listForViewer(f.db, person, now + 6 * hourMs);
		expect(lists.past).toEqual([]);
		expect(lists.upcoming).toEqual([]);
		expect(lists.cancelled.map((b) => b.id).sort()).toEqual([...ids].sort());
	});

	it('knows which slots a person holds, and forgets a cancelled hold', async () => {
		const f = await createFixture();
		const a = await f.addSlot();
		const b = await f.addSlot();
		const mine = await book(f.db, { slotId: a, byUserId: f.residents[0], now });
		const other = await book(f.db, { slotId: b, byUserId: f.residents[1], now });
		if (mine.status !== 'ok' || other.status !== 'ok') throw new Error('not booked');
		expect([...(await heldSlots(f.db, f.residents[0], [a, b]))]).toEqual([[a, mine.booking.id]]);
		await cancel(f.db, { bookingId: mine.booking.id, byUserId: f.residents[0], now });
		expect((await heldSlots(f.db, f.residents[0], [a, b])).size).toBe(0);
	});
});
