import { and, eq, gt, or, sql } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { record } from '../audit';
import { dropFor } from '../outbox';
import {
	booking,
	familyLink,
	notification,
	session,
	slot,
	staffScope,
	trustedDevice,
	user,
	verificationCode,
	waitlistEntry
} from '../db/schema';

/**
 * A number that keeps the phone column's CHECK (11 digits) and unique index, yet can never be a
 * mainland mobile (those start with 1): the real number is free to register again.
 */
export function scrubbedPhone(userId: number): string {
	return '0' + String(userId).padStart(10, '0');
}

/**
 * Deletes an account (PIPL): future bookings are cancelled (their places freed), every booking
 * is anonymised and keeps its rating without a name, sessions, links, scopes, notifications and
 * unsent messages go, and the user row stays only as an empty, unusable stub so foreign keys
 * from history (audit log, replies) still hold.
 */
export async function deleteAccount(db: Db, userId: number, now = new Date()): Promise<void> {
	await transaction(db, async (tx) => {
		const [account] = await tx
			.select({ phone: user.phone })
			.from(user)
			.where(eq(user.id, userId))
			.limit(1);
		if (!account) return;
		const upcoming = await tx
			.select({ id: booking.id, slotId: booking.slotId })
			.from(booking)
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.where(and(eq(booking.userId, userId), eq(booking.status, 'booked'), gt(slot.startsAt, now)));
		for (const row of upcoming) {
			await tx
				.update(booking)
				.set({ status: 'cancelled', statusChangedAt: now, cancelReason: 'account deleted' })
				.where(eq(booking.id, row.id));
			await tx
				.update(slot)
				.set({
					bookedCount: sql`case when ${slot.bookedCount} > 0 then ${slot.bookedCount} - 1 else 0 end`
				})
				.where(eq(slot.id, row.slotId));
		}
		await tx
			.update(booking)
			.set({ anonymised: true, userId: null, guestName: null, guestPhone: null })
			.where(eq(booking.userId, userId));
		await tx
			.update(booking)
			.set({ bookedByUserId: null })
			.where(eq(booking.bookedByUserId, userId));
		await tx
			.update(booking)
			.set({ cancelledByUserId: null })
			.where(eq(booking.cancelledByUserId, userId));
		await tx.delete(waitlistEntry).where(eq(waitlistEntry.userId, userId));
		await tx
			.delete(familyLink)
			.where(or(eq(familyLink.carerUserId, userId), eq(familyLink.elderUserId, userId)));
		await tx.delete(staffScope).where(eq(staffScope.userId, userId));
		await tx.delete(session).where(eq(session.userId, userId));
		await tx.delete(trustedDevice).where(eq(trustedDevice.userId, userId));
		await tx.delete(notification).where(eq(notification.userId, userId));
		await tx.delete(verificationCode).where(eq(verificationCode.phone, account.phone));
		await dropFor(tx, { recipient: account.phone });
		await tx
			.update(user)
			.set({
				phone: scrubbedPhone(userId),
				name: '',
				passwordHash: null,
				communityCode: null,
				homeResidenceId: null,
				birthYear: null,
				walkingSpeed: 'standard',
				walkingSpeedMps: null,
				elderMode: false,
				phoneVerifiedAt: null,
				deletedAt: now
			})
			.where(eq(user.id, userId));
		await record(tx, { actorUserId: userId, action: 'delete', entity: 'user', entityId: userId });
	});
}
