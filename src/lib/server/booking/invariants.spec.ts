import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { book } from './book';
import { cancel } from './cancel';
import { setSlotCapacity } from './capacity';
import { join, leave } from './waitlist';
import { booking, slot, waitlistEntry } from '../db/schema';
import { createFixture, fixtureNow, propertyRuns } from '../testing/booking';
import { effectiveCapacity } from './rules';

const now = fixtureNow;
const people = 6;
const slots = 2;

const person = fc.nat(people - 1);
const slotIndex = fc.nat(slots - 1);
const action = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('book' as const),
			person,
			slot: slotIndex,
			assisted: fc.boolean()
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('cancel' as const),
			person,
			slot: slotIndex,
			staff: fc.boolean()
		})
	},
	{
		weight: 3,
		arbitrary: fc.record({ kind: fc.constant('join' as const), person, slot: slotIndex })
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('leave' as const), person, slot: slotIndex })
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('capacity' as const),
			slot: slotIndex,
			capacity: fc.integer({ min: 0, max: 4 })
		})
	}
);

describe('booking invariants over random sequences of actions', () => {
	it('never exceeds capacity, keeps counts consistent and promotes the waitlist first-in-first-out', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(action, { minLength: 10, maxLength: 60 }),
				fc.integer({ min: 1, max: 3 }),
				async (actions, capacity) => {
					const f = await createFixture(people);
					const slotIds: number[] = [];
					for (let i = 0; i < slots; i++)
						slotIds.push(await f.addSlot({ capacity, reserved: capacity > 1 ? 1 : 0 }));
					const queues = new Map<number, number[]>(slotIds.map((id) => [id, []]));
					const holding = async (slotId: number, userId: number) =>
						(
							await f.db
								.select()
								.from(booking)
								.where(
									and(
										eq(booking.slotId, slotId),
										eq(booking.userId, userId),
										ne(booking.status, 'cancelled')
									)
								)
						)[0];
					const checkPromotions = async (slotId: number, promoted: number[]) => {
						for (const id of promoted) {
							const row = (await f.db.select().from(booking).where(eq(booking.id, id)))[0]!;
							// first in line, and nobody who joined earlier is still waiting
							expect(row.userId).toBe(queues.get(slotId)!.shift());
						}
					};
					for (const a of actions) {
						const slotId = slotIds[a.slot];
						if (a.kind === 'book') {
							const userId = f.residents[a.person];
							const r = a.assisted
								? await book(f.db, {
										slotId,
										forUserId: userId,
										byUserId: f.staffId,
										channel: 'phone',
										now
									})
								: await book(f.db, { slotId, byUserId: userId, now });
							if (r.status === 'ok') {
								const q = queues.get(slotId)!;
								// booking another way takes the person out of the line at the next promotion
								if (q.includes(userId)) q.splice(q.indexOf(userId), 1);
							}
						} else if (a.kind === 'cancel') {
							const held = await holding(slotId, f.residents[a.person]);
							if (!held) continue;
							const r = a.staff
								? await cancel(f.db, {
										bookingId: held.id,
										byUserId: f.staffId,
										asStaff: true,
										now
									})
								: await cancel(f.db, { bookingId: held.id, byUserId: f.residents[a.person], now });
							expect(r.status).toBe('ok');
							if (r.status === 'ok') await checkPromotions(slotId, r.promotedBookingIds);
						} else if (a.kind === 'join') {
							const r = await join(f.db, { slotId, byUserId: f.residents[a.person], now });
							if (r.status === 'ok') queues.get(slotId)!.push(f.residents[a.person]);
						} else if (a.kind === 'leave') {
							const entry = (
								await f.db
									.select()
									.from(waitlistEntry)
									.where(
										and(
											eq(waitlistEntry.slotId, slotId),
											eq(waitlistEntry.userId, f.residents[a.person]),
											eq(waitlistEntry.status, 'waiting')
										)
									)
							)[0];
							if (!entry) continue;
							expect(
								(await leave(f.db, { entryId: entry.id, byUserId: f.residents[a.person] })).status
							).toBe('ok');
							const q = queues.get(slotId)!;
							q.splice(q.indexOf(f.residents[a.person]), 1);
						} else {
							const r = await setSlotCapacity(f.db, {
								slotId,
								capacity: a.capacity,
								byUserId: f.staffId,
								now
							});
							if (r.status === 'ok') await checkPromotions(slotId, r.promotedBookingIds);
						}
						for (const s of await f.db.select().from(slot).where(inArray(slot.id, slotIds))) {
							const active = await f.db
								.select()
								.from(booking)
								.where(and(eq(booking.slotId, s.id), ne(booking.status, 'cancelled')));
							expect(s.bookedCount).toBe(active.length);
							expect(active.length).toBeLessThanOrEqual(effectiveCapacity(s));
							// the places kept for phone bookings are never taken online (while no override moved them)
							const selfService = active.filter((b) => b.channel === 'online').length;
							if (s.capacityOverride === null)
								expect(selfService).toBeLessThanOrEqual(s.capacity - s.reservedForAssisted);
							expect(new Set(active.map((b) => b.userId)).size).toBe(active.length);
							const waiting = (
								await f.db
									.select({ userId: waitlistEntry.userId })
									.from(waitlistEntry)
									.where(and(eq(waitlistEntry.slotId, s.id), eq(waitlistEntry.status, 'waiting')))
									.orderBy(asc(waitlistEntry.id))
							).map((w) => w.userId);
							// the line in the database is the line in the model, in order
							expect(waiting).toEqual(queues.get(s.id));
						}
					}
				}
			),
			{ numRuns: propertyRuns(100) }
		);
		// a fresh database per run (PostgreSQL: a database per run from its template; a quarter of the runs)
	}, 120_000);
});
