import { eq } from 'drizzle-orm';
import { transaction, type Db } from '../db';
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
): Promise<{ status: 'ok'; phone: string } | { status: 'not_found' } | { status: 'forbidden' }> {
	return transaction(db, async (tx) => {
		const now = input.now ?? Date.now();
		const [row] = await tx
			.select({ slotId: booking.slotId, guestPhone: booking.guestPhone, phone: user.phone })
			.from(booking)
			.leftJoin(user, eq(user.id, booking.userId))
			.where(eq(booking.id, input.bookingId))
			.limit(1);
		if (!row) return { status: 'not_found' as const };
		const slotCtx = (await loadSlot(tx, row.slotId))!;
		const by = await actor(tx, input.byUserId);
		if (!by || !(await staffCovers(tx, by, slotCtx.point.communityCode)))
			return { status: 'forbidden' as const };
		const phone = row.phone ?? row.guestPhone;
		if (!phone) return { status: 'not_found' as const };
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'booking.phone_revealed',
			entity: 'booking',
			entityId: input.bookingId,
			now
		});
		return { status: 'ok' as const, phone };
	});
}
