import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { booking, user } from '../db/schema';
import { isCarerOf } from '../accounts/family';
import type { NoticeAudience } from '$lib/notice-text';
import type { Locale } from '$lib/paraglide/runtime';

/** Someone who reads a notice: in the portal (an account) and by text message (a phone). */
export interface Recipient {
	userId: number | null;
	name: string;
	phone: string;
	locale: Locale;
	/** who "您" is in what they read; see NoticeAudience */
	audience: NoticeAudience;
}

export async function userRecipient(tx: Db, userId: number): Promise<Recipient | null> {
	const [row] = await prepared(tx, 'recipient', ($) =>
		tx
			.select({ id: user.id, name: user.name, phone: user.phone, locale: user.locale })
			.from(user)
			.where(eq(user.id, $.userId))
	).execute({ userId });
	return row
		? { userId: row.id, name: row.name, phone: row.phone, locale: row.locale, audience: 'self' }
		: null;
}

/** Who a booking is for and who booked it: what recipientsOf reads of the booking. */
export interface BookingPeople {
	userId: number | null;
	guestName: string | null;
	guestPhone: string | null;
	bookedByUserId: number | null;
	channel: 'online' | 'proxy' | 'phone' | 'desk';
}

async function bookingPeople(tx: Db, bookingId: number): Promise<BookingPeople | undefined> {
	const [row] = await prepared(tx, 'bookingPeople', ($) =>
		tx
			.select({
				userId: booking.userId,
				guestName: booking.guestName,
				guestPhone: booking.guestPhone,
				bookedByUserId: booking.bookedByUserId,
				channel: booking.channel
			})
			.from(booking)
			.where(eq(booking.id, $.bookingId))
	).execute({ bookingId });
	return row;
}

/**
 * The person (or guest) the booking is for, and the carer who booked it for them: both get the
 * messages, each in the second person and naming who did it ("您的家人张丽为您预约了…",
 * "您已为李秀兰预约…"). Of a booking by id, or of the row the caller's transaction just wrote (a new
 * booking: not read again).
 */
export async function recipientsOf(
	tx: Db,
	bookingOrRow: number | BookingPeople
): Promise<{ forName: string; bookedByName?: string; recipients: Recipient[] }> {
	const row =
		typeof bookingOrRow === 'number' ? await bookingPeople(tx, bookingOrRow) : bookingOrRow;
	if (!row) return { forName: '', recipients: [] };
	// the carer who booked it hears about it only while still linked to the person
	const carer =
		row.channel === 'proxy' &&
		row.userId !== null &&
		row.bookedByUserId !== null &&
		row.bookedByUserId !== row.userId &&
		(await isCarerOf(tx, row.bookedByUserId, row.userId))
			? await userRecipient(tx, row.bookedByUserId)
			: null;
	const personAudience: NoticeAudience = carer
		? 'family'
		: row.channel === 'phone' || row.channel === 'desk'
			? 'staff'
			: 'self';
	const recipients: Recipient[] = [];
	let forName = row.guestName ?? '';
	if (row.userId !== null) {
		const person = await userRecipient(tx, row.userId);
		if (person) {
			recipients.push({ ...person, audience: personAudience });
			forName = person.name;
		}
	} else if (row.guestPhone) {
		recipients.push({
			userId: null,
			name: forName,
			phone: row.guestPhone,
			locale: 'zh-CN',
			audience: personAudience
		});
	}
	if (carer) recipients.push({ ...carer, audience: 'carer' });
	return { forName, bookedByName: carer?.name, recipients };
}
