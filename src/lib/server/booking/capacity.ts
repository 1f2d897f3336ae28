import { and, eq, ne } from 'drizzle-orm';
import { immediate, type Db } from '../db';
import { booking, slot } from '../db/schema';
import { slotForStaff } from './access';
import { loadSlot } from './slot-context';
import { record } from '../audit';
import { promoteWaiting } from './waitlist';

export type CapacityResult =
	| { status: 'ok'; promotedBookingIds: number[] }
	/** lowering below the places already booked would drop people silently: staff must resolve it first */
	| { status: 'conflict'; bookedCount: number; capacity: number; bookingIds: number[] }
	| { status: 'invalid' }
	| { status: 'not_found' }
	| { status: 'forbidden' };

/** Staff override one slot's capacity. Raising it fills places from the waitlist. */
export function setSlotCapacity(
	db: Db,
	input: { slotId: number; capacity: number; byUserId: number; now?: number }
): CapacityResult {
	if (!Number.isInteger(input.capacity) || input.capacity < 0 || input.capacity > 1000)
		return { status: 'invalid' };
	return immediate(db, (tx) => {
		const now = input.now ?? Date.now();
		const found = slotForStaff(tx, input.slotId, input.byUserId);
		if (found.status !== 'ok') return found;
		const slotCtx = found.slot;
		if (input.capacity < slotCtx.bookedCount) {
			const holders = tx
				.select({ id: booking.id })
				.from(booking)
				.where(and(eq(booking.slotId, slotCtx.id), ne(booking.status, 'cancelled')))
				.orderBy(booking.id)
				.all();
			return {
				status: 'conflict',
				bookedCount: slotCtx.bookedCount,
				capacity: input.capacity,
				bookingIds: holders.map((h) => h.id)
			};
		}
		tx.update(slot).set({ capacityOverride: input.capacity }).where(eq(slot.id, slotCtx.id)).run();
		record(tx, {
			actorUserId: input.byUserId,
			action: 'slot.capacity',
			entity: 'slot',
			entityId: slotCtx.id,
			detail: {
				from: slotCtx.capacityOverride ?? slotCtx.capacity,
				to: input.capacity
			},
			now
		});
		return { status: 'ok', promotedBookingIds: promoteWaiting(tx, loadSlot(tx, slotCtx.id)!, now) };
	});
}
