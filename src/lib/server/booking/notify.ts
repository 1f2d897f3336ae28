import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { prepared } from './prepared';
import type { Db } from '../db';
import { booking, notification, user } from '../db/schema';
import { enqueue } from './outbox';
import type { SlotContext } from './slot-context';
import { isCarerOf } from '../accounts/family';
import { m } from '$lib/paraglide/messages';
import { formatWhen } from '$lib/time-format';

type Locale = 'zh-CN' | 'en';

export type NoticeKind =
	| 'booking_confirmed'
	| 'booking_reminder'
	| 'waitlist_promoted'
	| 'booking_cancelled_by_staff'
	| 'booking_cancelled_closure'
	| 'waitlist_cleared'
	| 'rating_requested'
	| 'rating_replied';

/** What a notification row carries; the notification centre renders it in the reader's language. */
export interface NoticePayload {
	bookingId: number | null;
	slotId: number;
	code: string | null;
	servicePointId: number;
	servicePointName: string;
	phone: string;
	startsAt: number;
	endsAt: number;
	forName: string;
	reason?: string;
	before?: '24h' | '2h';
	/** a staff answer to the person's rating */
	reply?: string;
}

interface Recipient {
	userId: number | null;
	name: string;
	phone: string;
	locale: Locale;
}

const hourMs = 3_600_000;
export const reminderOffsets = { '24h': 24 * hourMs, '2h': 2 * hourMs } as const;

function userRecipient(tx: Db, userId: number): Recipient | null {
	const row = prepared(tx, 'recipient', () =>
		tx
			.select({ id: user.id, name: user.name, phone: user.phone, locale: user.locale })
			.from(user)
			.where(eq(user.id, sql.placeholder('userId')))
			.prepare()
	).get({ userId });
	return row ? { userId: row.id, name: row.name, phone: row.phone, locale: row.locale } : null;
}

/** The person (or guest) the booking is for, and the carer who booked it for them: both get the messages. */
function recipientsOf(tx: Db, bookingId: number): { forName: string; recipients: Recipient[] } {
	const row = prepared(tx, 'bookingPeople', () =>
		tx
			.select({
				userId: booking.userId,
				guestName: booking.guestName,
				guestPhone: booking.guestPhone,
				bookedByUserId: booking.bookedByUserId,
				channel: booking.channel
			})
			.from(booking)
			.where(eq(booking.id, sql.placeholder('bookingId')))
			.prepare()
	).get({ bookingId });
	if (!row) return { forName: '', recipients: [] };
	const recipients: Recipient[] = [];
	let forName = row.guestName ?? '';
	if (row.userId !== null) {
		const person = userRecipient(tx, row.userId);
		if (person) {
			recipients.push(person);
			forName = person.name;
		}
	} else if (row.guestPhone) {
		recipients.push({ userId: null, name: forName, phone: row.guestPhone, locale: 'zh-CN' });
	}
	// the carer who booked it hears about it only while still linked to the person
	if (
		row.channel === 'proxy' &&
		row.userId !== null &&
		row.bookedByUserId !== null &&
		row.bookedByUserId !== row.userId &&
		isCarerOf(row.bookedByUserId, row.userId, tx)
	) {
		const carer = userRecipient(tx, row.bookedByUserId);
		if (carer) recipients.push(carer);
	}
	return { forName, recipients };
}

function smsBody(kind: NoticeKind, p: NoticePayload, locale: Locale): string {
	const o = { locale };
	const args = { point: p.servicePointName, time: formatWhen(p.startsAt, locale), name: p.forName };
	switch (kind) {
		case 'booking_confirmed':
			return m.sms_booking_confirmed({ ...args, code: p.code ?? '' }, o);
		case 'booking_reminder':
			return m.sms_booking_reminder({ ...args, code: p.code ?? '' }, o);
		case 'waitlist_promoted':
			return m.sms_waitlist_promoted({ ...args, code: p.code ?? '' }, o);
		case 'booking_cancelled_by_staff':
			return m.sms_booking_cancelled_by_staff(
				{ ...args, reason: p.reason ?? '', phone: p.phone },
				o
			);
		case 'booking_cancelled_closure':
			return m.sms_booking_cancelled_closure(
				{ ...args, reason: p.reason ?? '', phone: p.phone },
				o
			);
		case 'waitlist_cleared':
			return m.sms_waitlist_cleared({ ...args, reason: p.reason ?? '' }, o);
		case 'rating_requested':
			return m.sms_rating_requested(args, o);
		case 'rating_replied':
			return m.sms_rating_replied({ ...args, reply: p.reply ?? '' }, o);
	}
}

function payloadOf(
	slot: SlotContext,
	forName: string,
	extra: { bookingId: number | null; code: string | null; reason?: string }
): NoticePayload {
	return {
		bookingId: extra.bookingId,
		slotId: slot.id,
		code: extra.code,
		servicePointId: slot.point.id,
		servicePointName: slot.point.name,
		phone: slot.point.phone,
		startsAt: slot.startsAt,
		endsAt: slot.endsAt,
		forName,
		...(extra.reason ? { reason: extra.reason } : {})
	};
}

function deliver(
	tx: Db,
	kind: NoticeKind,
	payload: NoticePayload,
	recipients: Recipient[],
	key: string,
	now: number,
	at: number = now,
	sms = true
) {
	const insertNotice = prepared(tx, 'insertNotice', () =>
		tx
			.insert(notification)
			.values({
				userId: sql.placeholder('userId'),
				kind: sql.placeholder('kind'),
				payload: sql.placeholder('payload'),
				createdAt: sql.placeholder('at')
			})
			.prepare()
	);
	for (const r of recipients) {
		if (r.userId !== null)
			insertNotice.run({ userId: r.userId, kind, payload: { ...payload }, at: new Date(at) });
		if (!sms) continue;
		enqueue(tx, {
			channel: 'sms',
			recipient: r.phone,
			body: smsBody(kind, payload, r.locale),
			dedupeKey: `${key}:${r.userId ?? 'guest'}`,
			sendAfter: at > now ? at : null,
			now
		});
	}
}

/** Confirmation (or promotion) now, and the reminders the day before and 2 hours before. */
export function notifyBooked(
	tx: Db,
	input: { bookingId: number; code: string; slot: SlotContext; promoted: boolean; now: number }
): void {
	const { forName, recipients } = recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, input);
	const kind = input.promoted ? 'waitlist_promoted' : 'booking_confirmed';
	deliver(tx, kind, payload, recipients, `booking:${input.bookingId}:${kind}`, input.now);
	for (const [before, offset] of Object.entries(reminderOffsets) as ['24h' | '2h', number][]) {
		const at = input.slot.startsAt - offset;
		if (at <= input.now) continue;
		deliver(
			tx,
			'booking_reminder',
			{ ...payload, before },
			recipients,
			`booking:${input.bookingId}:reminder-${before}`,
			input.now,
			at
		);
	}
}

/** Takes back the reminders not yet due, in the portal (future rows) and in the outbox (by the caller). */
export function withdrawReminders(tx: Db, bookingId: number, now: number): void {
	const { recipients } = recipientsOf(tx, bookingId);
	const userIds = recipients.flatMap((r) => (r.userId === null ? [] : [r.userId]));
	if (userIds.length === 0) return;
	const future = tx
		.select({ id: notification.id, payload: notification.payload })
		.from(notification)
		.where(
			and(
				inArray(notification.userId, userIds),
				eq(notification.kind, 'booking_reminder'),
				gt(notification.createdAt, new Date(now))
			)
		)
		.all()
		.filter((row) => row.payload.bookingId === bookingId)
		.map((row) => row.id);
	if (future.length > 0) tx.delete(notification).where(inArray(notification.id, future)).run();
}

export function notifyCancelled(
	tx: Db,
	input: {
		bookingId: number;
		slot: SlotContext;
		kind: 'booking_cancelled_by_staff' | 'booking_cancelled_closure';
		reason: string;
		now: number;
	}
): void {
	const { forName, recipients } = recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, { ...input, code: null });
	deliver(
		tx,
		input.kind,
		payload,
		recipients,
		`booking:${input.bookingId}:${input.kind}`,
		input.now
	);
}

export function notifyWaitlistCleared(
	tx: Db,
	input: { entryId: number; userId: number; slot: SlotContext; reason: string; now: number }
): void {
	const person = userRecipient(tx, input.userId);
	if (!person) return;
	const payload = payloadOf(input.slot, person.name, { bookingId: null, code: null, ...input });
	deliver(
		tx,
		'waitlist_cleared',
		payload,
		[person],
		`waitlist:${input.entryId}:cleared`,
		input.now
	);
}

/**
 * After an attended appointment: the person (and the carer who booked for them) are asked in the portal to
 * rate it. Only account holders can rate, so guests get nothing, and no text message is sent for the asking.
 */
export function notifyRatingRequested(
	tx: Db,
	input: { bookingId: number; slot: SlotContext; now: number }
): void {
	const { forName, recipients } = recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, { bookingId: input.bookingId, code: null });
	const accounts = recipients.filter((r) => r.userId !== null);
	deliver(
		tx,
		'rating_requested',
		payload,
		accounts,
		`booking:${input.bookingId}:rating_requested`,
		input.now,
		input.now,
		false
	);
}

/** A staff answer to a rating reaches the person (and carer) in the portal and by text message. */
export function notifyRatingReplied(
	tx: Db,
	input: { bookingId: number; ratingId: number; slot: SlotContext; reply: string; now: number }
): void {
	const { forName, recipients } = recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, { bookingId: input.bookingId, code: null });
	deliver(
		tx,
		'rating_replied',
		{ ...payload, reply: input.reply },
		recipients.filter((r) => r.userId !== null),
		`rating:${input.ratingId}:replied:${input.now}`,
		input.now
	);
}
