import { and, eq, ne } from 'drizzle-orm';
import { transaction, type Db } from '../db';
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
export async function setSlotCapacity(
	db: Db,
	input: { slotId: number; capacity: number; byUserId: number; now?: number }
): Promise<CapacityResult> {
	if (!Number.isInteger(input.capacity) || input.capacity < 0 || input.capacity > 1000)
		return { status: 'invalid' };
	return transaction(db, async (tx): Promise<CapacityResult> => {
		const now = input.now ?? Date.now();
		const found = await slotForStaff(tx, input.slotId, input.byUserId);
		if (found.status !== 'ok') return found;
		const slotCtx = found.slot;
		if (input.capacity < slotCtx.bookedCount) {
			const holders = await tx
				.select({ id: booking.id })
				.from(booking)
				.where(and(eq(booking.slotId, slotCtx.id), ne(booking.status, 'cancelled')))
				.orderBy(booking.id);
			return {
				status: 'conflict',
				bookedCount: slotCtx.bookedCount,
				capacity: input.capacity,
				bookingIds: holders.map((h) => h.id)
			};
		}
		await tx.update(slot).set({ capacityOverride: input.capacity }).where(eq(slot.id, slotCtx.id));
		await record(tx, {
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
		const promotedBookingIds = await promoteWaiting(tx, (await loadSlot(tx, slotCtx.id))!, now);
		return { status: 'ok', promotedBookingIds };
	});
}
