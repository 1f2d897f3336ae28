import { transaction, type Db } from '../db';
import { cancelSlotIn, slotForStaff } from '../booking';
import { record } from '../audit';

export type SlotCancelResult =
	| { status: 'ok'; cancelledBookings: number; clearedWaitlist: number }
	| { status: 'not_found' }
	| { status: 'forbidden' }
	| { status: 'not_active' };

/**
 * Staff cancel one slot (a sitting, an appointment hour) with a reason: everyone booked is told, the
 * waitlist is cleared with a notice. A slot that has ended or is already cancelled cannot be cancelled.
 */
export function cancelSlot(
	db: Db,
	input: { slotId: number; reason: string; byUserId: number; now?: number }
): Promise<SlotCancelResult> {
	return transaction(db, async (tx): Promise<SlotCancelResult> => {
		const now = input.now ?? Date.now();
		const found = await slotForStaff(tx, input.slotId, input.byUserId);
		if (found.status !== 'ok') return found;
		const slotCtx = found.slot;
		if (slotCtx.cancelled || slotCtx.endsAt <= now) return { status: 'not_active' };
		const reason = input.reason.trim();
		const counts = await cancelSlotIn(tx, slotCtx.id, { byUserId: input.byUserId, reason, now });
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'slot.cancel',
			entity: 'slot',
			entityId: slotCtx.id,
			detail: { reason, ...counts },
			now
		});
		return { status: 'ok', ...counts };
	});
}
