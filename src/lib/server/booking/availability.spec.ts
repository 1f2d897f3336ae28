import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { transaction } from '../db';
import { servicePoint, slot } from '../db/schema';
import { createFixture, fixtureNow, propertyRuns, type Fixture } from '../testing/booking';
import { nextFreeSlots, slotsBetween } from './availability';
import { book } from './book';
import { cancel } from './cancel';
import { addClosure } from './closures';
import { addDays, hourMs, localDate, localMidnight, minuteMs } from '$lib/time';

const now = fixtureNow;

/** What nextFreeSlots answered before it stopped at the first free slots: the whole horizon, filtered. */
async function reference(f: Fixture, pointId: number, at: number, limit: number) {
	const all = (await slotsBetween(f.db, pointId, { now: at })) ?? [];
	return all.filter((s) => s.free > 0).slice(0, limit);
}

async function bookOnline(f: Fixture, slotId: number, person: number) {
	const result = await book(f.db, { slotId, byUserId: f.residents[person], now });
	if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
	return result.booking.id;
}

async function setSlot(f: Fixture, slotId: number, values: Partial<typeof slot.$inferInsert>) {
	await transaction(f.db, async (tx) => {
		await tx.update(slot).set(values).where(eq(slot.id, slotId));
	});
}

describe('the next free slots of a service point (the map and the point page)', () => {
	it('passes over full slots, one whose online share is taken and a cancelled one', async () => {
		const f = await createFixture();
		const full = await f.addSlot({ capacity: 1 });
		const fullByPhone = await f.addSlot({ capacity: 1 });
		const shareTaken = await f.addSlot({ capacity: 2, reserved: 1 });
		const cancelled = await f.addSlot();
		const free = await f.addSlot();
		await bookOnline(f, full, 0);
		const phone = { byUserId: f.staffId, channel: 'phone' as const, now };
		await book(f.db, { ...phone, slotId: fullByPhone, forUserId: f.residents[2] });
		await bookOnline(f, shareTaken, 1);
		await setSlot(f, cancelled, { cancelledAt: new Date(now), cancelReason: '停电' });
		const [next] = await nextFreeSlots(f.db, f.pointId, now, 1);
		expect(next).toMatchObject({ id: free, free: 2, capacity: 2 });
		expect(await nextFreeSlots(f.db, f.pointId, now)).toEqual(
			await reference(f, f.pointId, now, 8)
		);
	});

	it('offers a full slot again when a place is given back, and follows a capacity override', async () => {
		const f = await createFixture();
		const first = await f.addSlot({ capacity: 1 });
		const second = await f.addSlot({ capacity: 1 });
		const held = await bookOnline(f, first, 0);
		expect((await nextFreeSlots(f.db, f.pointId, now, 1))[0]?.id).toBe(second);
		await cancel(f.db, { bookingId: held, byUserId: f.residents[0], now });
		expect((await nextFreeSlots(f.db, f.pointId, now, 1))[0]?.id).toBe(first);
		await setSlot(f, first, { capacityOverride: 0 });
		expect((await nextFreeSlots(f.db, f.pointId, now, 1))[0]?.id).toBe(second);
		await setSlot(f, second, { capacityOverride: 3 });
		expect((await nextFreeSlots(f.db, f.pointId, now, 1))[0]).toMatchObject({
			id: second,
			capacity: 3,
			free: 3
		});
	});

	it('skips a closed day, slots inside the notice and beyond the horizon', async () => {
		const f = await createFixture();
		// 20 minutes ahead: inside the 30 minutes' notice
		await f.addSlot({ startsIn: 20 * minuteMs });
		const tomorrow = localDate(now + 24 * hourMs);
		const closedDay = await f.addSlot({ startsIn: localMidnight(tomorrow) + 9 * hourMs - now });
		const dayAfter = await f.addSlot({
			startsIn: localMidnight(addDays(tomorrow, 1)) + 9 * hourMs - now
		});
		// the day after the 14 days' horizon
		await f.addSlot({ startsIn: localMidnight(addDays(localDate(now), 15)) + 9 * hourMs - now });
		expect((await nextFreeSlots(f.db, f.pointId, now, 1))[0]?.id).toBe(closedDay);
		const closed = await addClosure(f.db, {
			servicePointId: f.pointId,
			startsOn: tomorrow,
			endsOn: tomorrow,
			reason: '停电检修',
			byUserId: f.staffId,
			now
		});
		expect(closed.status).toBe('ok');
		expect((await nextFreeSlots(f.db, f.pointId, now)).map((s) => s.id)).toEqual([dayAfter]);
		expect(await nextFreeSlots(f.db, f.pointId, now)).toEqual(
			await reference(f, f.pointId, now, 8)
		);
	});

	it('has nothing at an inactive or unknown point', async () => {
		const f = await createFixture();
		await f.addSlot();
		await transaction(f.db, async (tx) => {
			await tx.update(servicePoint).set({ active: false }).where(eq(servicePoint.id, f.pointId));
		});
		expect(await nextFreeSlots(f.db, f.pointId, now)).toEqual([]);
		expect(await nextFreeSlots(f.db, 999, now)).toEqual([]);
	});

	it('answers what the whole horizon filtered answers, whatever the slots and bookings', async () => {
		const slotSpec = fc.record({
			// hours from now: some inside the notice, some past the horizon (14 days ≈ 336 h)
			startsInMinutes: fc.integer({ min: -60, max: 16 * 24 * 60 }),
			capacity: fc.integer({ min: 1, max: 3 }),
			reserved: fc.integer({ min: 0, max: 3 }),
			override: fc.option(fc.integer({ min: 0, max: 3 })),
			cancelled: fc.boolean(),
			online: fc.integer({ min: 0, max: 3 }),
			byPhone: fc.integer({ min: 0, max: 3 })
		});
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(slotSpec, {
					minLength: 1,
					maxLength: 8,
					selector: (s) => s.startsInMinutes
				}),
				fc.integer({ min: 0, max: 4 * 60 }),
				fc.integer({ min: 1, max: 4 }),
				async (specs, laterMinutes, limit) => {
					const f = await createFixture(8);
					let person = 0;
					for (const spec of specs) {
						const id = await f.addSlot({
							startsIn: spec.startsInMinutes * minuteMs,
							capacity: spec.capacity,
							reserved: Math.min(spec.reserved, spec.capacity)
						});
						// bookings made a day earlier, so that notice and horizon do not refuse them
						const earlier = now - 24 * hourMs;
						for (let i = 0; i < spec.online; i++)
							await book(f.db, { slotId: id, byUserId: f.residents[person++ % 8], now: earlier });
						for (let i = 0; i < spec.byPhone; i++)
							await book(f.db, {
								slotId: id,
								forUserId: f.residents[person++ % 8],
								byUserId: f.staffId,
								channel: 'phone',
								now: earlier
							});
						await setSlot(f, id, {
							capacityOverride: spec.override,
							cancelledAt: spec.cancelled ? new Date(now) : null
						});
					}
					const at = now + laterMinutes * minuteMs;
					expect(await nextFreeSlots(f.db, f.pointId, at, limit)).toEqual(
						await reference(f, f.pointId, at, limit)
					);
				}
			),
			{ numRuns: propertyRuns(60) }
		);
		// a fresh database per run (PostgreSQL: a database per run from its template)
	}, 120_000);
});
