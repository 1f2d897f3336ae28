import { and, eq, gt, or, sql } from 'drizzle-orm';
import { immediate, type Db } from '../db';
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
export function scrubbedPhone(db: Db, userId: number): string {
	return '0' + String(userId).padStart(10, '0');
}

/**
 * Deletes an account (PIPL): future bookings are cancelled (their places freed), every booking
 * is anonymised and keeps its rating without a name, sessions, links, scopes, notifications and
 * unsent messages go, and the user row stays only as an empty, unusable stub so foreign keys
 * from history (audit log, replies) still hold.
 */
export function deleteAccount(db: Db, userId: number, now = new Date()): void {
	immediate(db, (db) => {
		const account = db.select({ phone: user.phone }).from(user).where(eq(user.id, userId)).get();
		if (!account) return;
		const upcoming = db
			.select({ id: booking.id, slotId: booking.slotId })
			.from(booking)
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.where(and(eq(booking.userId, userId), eq(booking.status, 'booked'), gt(slot.startsAt, now)))
			.all();
		for (const row of upcoming) {
			db.update(booking)
				.set({ status: 'cancelled', statusChangedAt: now, cancelReason: 'account deleted' })
				.where(eq(booking.id, row.id))
				.run();
			db.update(slot)
				.set({ bookedCount: sql`max(${slot.bookedCount} - 1, 0)` })
				.where(eq(slot.id, row.slotId))
				.run();
		}
		db.update(booking)
			.set({ anonymised: true, userId: null, guestName: null, guestPhone: null })
			.where(eq(booking.userId, userId))
			.run();
		db.update(booking)
			.set({ bookedByUserId: null })
			.where(eq(booking.bookedByUserId, userId))
			.run();
		db.update(booking)
			.set({ cancelledByUserId: null })
			.where(eq(booking.cancelledByUserId, userId))
			.run();
		db.delete(waitlistEntry).where(eq(waitlistEntry.userId, userId)).run();
		db.delete(familyLink)
			.where(or(eq(familyLink.carerUserId, userId), eq(familyLink.elderUserId, userId)))
			.run();
		db.delete(staffScope).where(eq(staffScope.userId, userId)).run();
		db.delete(session).where(eq(session.userId, userId)).run();
		db.delete(trustedDevice).where(eq(trustedDevice.userId, userId)).run();
		db.delete(notification).where(eq(notification.userId, userId)).run();
		db.delete(verificationCode).where(eq(verificationCode.phone, account.phone)).run();
		dropFor(db, { recipient: account.phone });
		db.update(user)
			.set({
				phone: scrubbedPhone(db, userId),
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
			.where(eq(user.id, userId))
			.run();
		record(db, { actorUserId: userId, action: 'delete', entity: 'user', entityId: userId });
	});
}
