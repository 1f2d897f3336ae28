import { eq } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { booking } from '../db/schema';
import { actor, staffCovers } from './access';
import { record } from '../audit';
import { bookingById } from './book';
import { loadSlot } from './slot-context';

export type CheckInResult =
	| { status: 'ok'; bookingId: number }
	| { status: 'not_active' }
	| { status: 'not_found' }
	| { status: 'forbidden' };

/**
 * Staff mark a booking attended (checked in by code at the door) or a no-show. Only booked → attended|no_show;
 * the place stays counted (the slot was used). Each change is audited.
 */
export function setStatus(
	db: Db,
	input: { bookingId: number; status: 'attended' | 'no_show'; byUserId: number; now?: number }
): Promise<CheckInResult> {
	return transaction(db, async (tx): Promise<CheckInResult> => {
		const now = input.now ?? Date.now();
		const row = await bookingById(tx, input.bookingId);
		if (!row) return { status: 'not_found' };
		const slotCtx = (await loadSlot(tx, row.slotId))!;
		const by = await actor(tx, input.byUserId);
		if (!by || !(await staffCovers(tx, by, slotCtx.point.communityCode)))
			return { status: 'forbidden' };
		if (row.status !== 'booked') return { status: 'not_active' };
		await tx
			.update(booking)
			.set({ status: input.status, statusChangedAt: new Date(now) })
			.where(eq(booking.id, row.id));
		await record(tx, {
			actorUserId: input.byUserId,
			action: `booking.${input.status}`,
			entity: 'booking',
			entityId: row.id,
			detail: { from: row.status, to: input.status },
			now
		});
		return { status: 'ok', bookingId: row.id };
	});
}
