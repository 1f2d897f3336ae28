import { eq } from 'drizzle-orm';
import { immediate, type Db } from '../db';
import { booking, user } from '../db/schema';
import { actor, loadSlot, staffCovers } from '../booking';
import { record } from '../audit';

/**
 * The full phone number of the person a booking is for, shown to staff on a deliberate click (to call them).
 * Every reveal is audited (who, which booking, when); the number itself is never written to the log.
 */
export function revealPhone(
	db: Db,
	input: { bookingId: number; byUserId: number; now?: number }
): { status: 'ok'; phone: string } | { status: 'not_found' } | { status: 'forbidden' } {
	return immediate(db, (tx) => {
		const now = input.now ?? Date.now();
		const row = tx
			.select({ slotId: booking.slotId, guestPhone: booking.guestPhone, phone: user.phone })
			.from(booking)
			.leftJoin(user, eq(user.id, booking.userId))
			.where(eq(booking.id, input.bookingId))
			.get();
		if (!row) return { status: 'not_found' };
		const slotCtx = loadSlot(tx, row.slotId)!;
		const by = actor(tx, input.byUserId);
		if (!by || !staffCovers(tx, by, slotCtx.point.communityCode)) return { status: 'forbidden' };
		const phone = row.phone ?? row.guestPhone;
		if (!phone) return { status: 'not_found' };
		record(tx, {
			actorUserId: input.byUserId,
			action: 'booking.phone_revealed',
			entity: 'booking',
			entityId: input.bookingId,
			now
		});
		return { status: 'ok', phone };
	});
}
