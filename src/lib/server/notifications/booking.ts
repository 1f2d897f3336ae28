import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { booking, notification } from '../db/schema';
import { subject } from '../outbox';
import { hourMs } from '$lib/time';
import type { NoticeKind, NoticePayload } from '$lib/notice-text';
import { deliver, deliverAll, payloadOf, type Delivery, type NoticeSlot } from './deliver';
import { recipientsOf, userRecipient, type BookingPeople } from './recipients';

const reminderOffsets = { '24h': 24 * hourMs, '2h': 2 * hourMs } as const;

/** Confirmation (or promotion) now, and the reminders the day before and 2 hours before. */
export async function notifyBooked(
	tx: Db,
	input: {
		bookingId: number;
		code: string;
		slot: NoticeSlot;
		promoted: boolean;
		now: number;
		/** the booking's row as the caller's transaction wrote it (not read again) */
		booking?: BookingPeople;
	}
): Promise<void> {
	const { forName, bookedByName, recipients } = await recipientsOf(
		tx,
		input.booking ?? input.bookingId
	);
	const payload = payloadOf(input.slot, forName, { ...input, bookedByName });
	const kind = input.promoted ? 'waitlist_promoted' : 'booking_confirmed';
	const communityCode = input.slot.point.communityCode;
	const about = subject('booking', input.bookingId);
	const deliveries: Delivery[] = [
		{ kind, payload, recipients, about, topic: kind, now: input.now, communityCode }
	];
	for (const [before, offset] of Object.entries(reminderOffsets) as ['24h' | '2h', number][]) {
		const at = input.slot.startsAt - offset;
		if (at <= input.now) continue;
		deliveries.push({
			kind: 'booking_reminder',
			payload: { ...payload, before },
			recipients,
			about,
			topic: `reminder-${before}`,
			now: input.now,
			at,
			communityCode
		});
	}
	// one insert for the portal rows, one for the text messages
	await deliverAll(tx, deliveries);
}

/** Takes back the reminders not yet due, in the portal (future rows) and in the outbox (by the caller). */
export async function withdrawReminders(tx: Db, bookingId: number, now: number): Promise<void> {
	const { recipients } = await recipientsOf(tx, bookingId);
	// on every cancellation: kept prepared, one reader at a time
	const reminders = prepared(tx, 'futureReminders', ($) =>
		tx
			.select({ id: notification.id, payload: notification.payload })
			.from(notification)
			.where(
				and(
					eq(notification.userId, $.userId),
					eq(notification.kind, 'booking_reminder'),
					gt(notification.createdAt, $.now)
				)
			)
	);
	const drop = prepared(tx, 'dropNotice', ($) =>
		tx.delete(notification).where(eq(notification.id, $.id))
	);
	for (const r of recipients) {
		if (r.userId === null) continue;
		for (const row of await reminders.execute({ userId: r.userId, now }))
			if (row.payload.bookingId === bookingId) await drop.execute({ id: row.id });
	}
}

export async function notifyCancelled(
	tx: Db,
	input: {
		bookingId: number;
		slot: NoticeSlot;
		kind: 'booking_cancelled_by_staff' | 'booking_cancelled_closure';
		reason: string;
		now: number;
	}
): Promise<void> {
	const { forName, bookedByName, recipients } = await recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, { ...input, code: null, bookedByName });
	await deliver(tx, {
		kind: input.kind,
		payload,
		recipients,
		about: subject('booking', input.bookingId),
		topic: input.kind,
		now: input.now,
		communityCode: input.slot.point.communityCode
	});
}

/**
 * A booking cancelled on the family side by someone other than its person: a carer cancelling for
 * the elder tells the elder who did it (portal and text) and keeps a copy in the carer's portal;
 * the elder cancelling what a carer booked tells that carer.
 */
export async function notifyCancelledByFamily(
	tx: Db,
	input: { bookingId: number; slot: NoticeSlot; byUserId: number; now: number }
): Promise<void> {
	const [row] = await prepared(tx, 'bookingFamily', ($) =>
		tx
			.select({ userId: booking.userId, bookedByUserId: booking.bookedByUserId })
			.from(booking)
			.where(eq(booking.id, $.bookingId))
	).execute({ bookingId: input.bookingId });
	if (!row || row.userId === null) return;
	const person = await userRecipient(tx, row.userId);
	const by = await userRecipient(tx, input.byUserId);
	if (!person || !by) return;
	const base = payloadOf(input.slot, person.name, { bookingId: input.bookingId, code: null });
	const kind: NoticeKind = 'booking_cancelled_by_family';
	const family = {
		kind,
		about: subject('booking', input.bookingId),
		topic: 'cancelled_by_family',
		now: input.now,
		communityCode: input.slot.point.communityCode
	};
	if (input.byUserId !== row.userId) {
		const payload: NoticePayload = { ...base, cancelledBy: 'carer', cancelledByName: by.name };
		await deliver(tx, { ...family, payload, recipients: [{ ...person, audience: 'family' }] });
		await deliver(tx, {
			...family,
			payload,
			recipients: [{ ...by, audience: 'carer' }],
			sms: false
		});
		return;
	}
	if (row.bookedByUserId === null || row.bookedByUserId === row.userId) return;
	const booker = await userRecipient(tx, row.bookedByUserId);
	if (!booker) return;
	const payload: NoticePayload = { ...base, cancelledBy: 'person', cancelledByName: person.name };
	await deliver(tx, { ...family, payload, recipients: [{ ...booker, audience: 'carer' }] });
}

export async function notifyWaitlistCleared(
	tx: Db,
	input: { entryId: number; userId: number; slot: NoticeSlot; reason: string; now: number }
): Promise<void> {
	const person = await userRecipient(tx, input.userId);
	if (!person) return;
	const payload = payloadOf(input.slot, person.name, { bookingId: null, code: null, ...input });
	await deliver(tx, {
		kind: 'waitlist_cleared',
		payload,
		recipients: [person],
		about: subject('waitlist', input.entryId),
		topic: 'cleared',
		now: input.now,
		communityCode: input.slot.point.communityCode
	});
}
