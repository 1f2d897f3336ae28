import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { user } from '../db/schema';
import { bookings, type BookResult } from '../booking';
import { markAttended } from './checkin';

export interface WalkInInput {
	slotId: number;
	channel: 'desk' | 'phone';
	name: string;
	phone: string;
	/** a walk-in at the desk who is being served now */
	checkIn: boolean;
	byUserId: number;
	now?: number;
}

export type WalkInResult =
	| { status: 'ok'; bookingId: number; code: string; account: boolean; checkedIn: boolean }
	| Exclude<BookResult, { status: 'ok' }>;

/**
 * A walk-in at the desk or a booking taken on the phone, for a resident with or without an account: when the
 * phone number belongs to a resident's account the booking is theirs (they see it in their list), otherwise
 * it is a guest booking with name and phone. Capacity, quotas and duplicates are the booking service's.
 */
export async function bookOnBehalf(db: Db, input: WalkInInput): Promise<WalkInResult> {
	const [account] = await db
		.select({ id: user.id })
		.from(user)
		.where(and(eq(user.phone, input.phone), isNull(user.deletedAt), eq(user.role, 'resident')))
		.limit(1);
	const result = await bookings.book(db, {
		slotId: input.slotId,
		channel: input.channel,
		byUserId: input.byUserId,
		now: input.now,
		...(account
			? { forUserId: account.id }
			: { guest: { name: input.name.trim(), phone: input.phone } })
	});
	if (result.status !== 'ok') return result;
	const checkedIn =
		input.channel === 'desk' &&
		input.checkIn &&
		// "being served now" is the staff member's own confirmation: no second question
		(
			await markAttended(db, {
				bookingId: result.booking.id,
				byUserId: input.byUserId,
				now: input.now,
				confirmEarly: true
			})
		).status === 'ok';
	return {
		status: 'ok',
		bookingId: result.booking.id,
		code: result.code,
		account: account !== undefined,
		checkedIn
	};
}
