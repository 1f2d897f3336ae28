import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { prepared } from './prepared';
import type { Db } from '../db';
import { booking, notification, user } from '../db/schema';
import { enqueue } from './outbox';
import { isCarerOf } from '../accounts/family';
import { formatWhen } from '$lib/time-format';
import type { SlotContext } from './slot-context';
import {
	noticeText,
	type NoticeAudience,
	type NoticeKind,
	type NoticePayload
} from '$lib/notice-text';

type Locale = 'zh-CN' | 'en';

interface Recipient {
	userId: number | null;
	name: string;
	phone: string;
	locale: Locale;
	/** who "您" is in what they read; see NoticeAudience */
	audience: NoticeAudience;
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
	return row
		? {
				userId: row.id,
				name: row.name,
				phone: row.phone,
				locale: row.locale,
				audience: 'self' as NoticeAudience
			}
		: null;
}

/**
 * The person (or guest) the booking is for, and the carer who booked it for them: both get the
 * messages, each in the second person and naming who did it ("您的家人张丽为您预约了…",
 * "您已为李秀兰预约…").
 */
function recipientsOf(
	tx: Db,
	bookingId: number
): { forName: string; bookedByName?: string; recipients: Recipient[] } {
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
	// the carer who booked it hears about it only while still linked to the person
	const carer =
		row.channel === 'proxy' &&
		row.userId !== null &&
		row.bookedByUserId !== null &&
		row.bookedByUserId !== row.userId &&
		isCarerOf(tx, row.bookedByUserId, row.userId)
			? userRecipient(tx, row.bookedByUserId)
			: null;
	const personAudience: NoticeAudience = carer
		? 'family'
		: row.channel === 'phone' || row.channel === 'desk'
			? 'staff'
			: 'self';
	const recipients: Recipient[] = [];
	let forName = row.guestName ?? '';
	if (row.userId !== null) {
		const person = userRecipient(tx, row.userId);
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

/**
 * The values an SMS provider's template is filled with (Aliyun, Tencent Cloud: a template id and its
 * parameters instead of free text), beside the text made from the same payload.
 */
function templateParamsOf(p: NoticePayload, locale: Locale): Record<string, string> {
	const params: Record<string, string> = {
		point: p.servicePointName,
		time: formatWhen(p.startsAt, locale),
		name: p.forName,
		phone: p.phone,
		audience: p.audience ?? 'self'
	};
	if (p.code) params.code = p.code;
	if (p.reason) params.reason = p.reason;
	if (p.reply) params.reply = p.reply;
	if (p.before) params.before = p.before;
	if (p.bookedByName) params.by = p.bookedByName;
	if (p.cancelledByName) params.cancelledBy = p.cancelledByName;
	return params;
}

function payloadOf(
	slot: SlotContext,
	forName: string,
	extra: { bookingId: number | null; code: string | null; reason?: string; bookedByName?: string }
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
		...(extra.reason ? { reason: extra.reason } : {}),
		...(extra.bookedByName ? { bookedByName: extra.bookedByName } : {})
	};
}

interface Delivery {
	kind: NoticeKind;
	payload: NoticePayload;
	recipients: Recipient[];
	key: string;
	now: number;
	/** the service point's community (whose staff may read the text messages in demo mode) */
	communityCode: string;
	/** when it is due (a reminder), now by default */
	at?: number;
	/** false: in the portal only */
	sms?: boolean;
}

function deliver(tx: Db, d: Delivery) {
	const { kind, payload, recipients, key, now, at = now, sms = true } = d;
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
		// each reader's own copy: "您" is someone else for the elder and for the carer
		const own: NoticePayload = { ...payload, audience: r.audience };
		if (r.userId !== null)
			insertNotice.run({ userId: r.userId, kind, payload: own, at: new Date(at) });
		if (!sms) continue;
		enqueue(tx, {
			channel: 'sms',
			recipient: r.phone,
			body: noticeText(kind, own, r.locale),
			templateId: kind,
			templateParams: templateParamsOf(own, r.locale),
			communityCode: d.communityCode,
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
	const { forName, bookedByName, recipients } = recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, { ...input, bookedByName });
	const kind = input.promoted ? 'waitlist_promoted' : 'booking_confirmed';
	const communityCode = input.slot.point.communityCode;
	const key = `booking:${input.bookingId}`;
	deliver(tx, { kind, payload, recipients, key: `${key}:${kind}`, now: input.now, communityCode });
	for (const [before, offset] of Object.entries(reminderOffsets) as ['24h' | '2h', number][]) {
		const at = input.slot.startsAt - offset;
		if (at <= input.now) continue;
		deliver(tx, {
			kind: 'booking_reminder',
			payload: { ...payload, before },
			recipients,
			key: `${key}:reminder-${before}`,
			now: input.now,
			at,
			communityCode
		});
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
	const { forName, bookedByName, recipients } = recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, { ...input, code: null, bookedByName });
	deliver(tx, {
		kind: input.kind,
		payload,
		recipients,
		key: `booking:${input.bookingId}:${input.kind}`,
		now: input.now,
		communityCode: input.slot.point.communityCode
	});
}

/**
 * A booking cancelled on the family side by someone other than its person: a carer cancelling for
 * the elder tells the elder who did it (portal and text) and keeps a copy in the carer's portal;
 * the elder cancelling what a carer booked tells that carer.
 */
export function notifyCancelledByFamily(
	tx: Db,
	input: { bookingId: number; slot: SlotContext; byUserId: number; now: number }
): void {
	const row = tx
		.select({ userId: booking.userId, bookedByUserId: booking.bookedByUserId })
		.from(booking)
		.where(eq(booking.id, input.bookingId))
		.get();
	if (!row || row.userId === null) return;
	const person = userRecipient(tx, row.userId);
	const by = userRecipient(tx, input.byUserId);
	if (!person || !by) return;
	const base = payloadOf(input.slot, person.name, { bookingId: input.bookingId, code: null });
	const key = `booking:${input.bookingId}:cancelled_by_family`;
	const kind: NoticeKind = 'booking_cancelled_by_family';
	const communityCode = input.slot.point.communityCode;
	if (input.byUserId !== row.userId) {
		const payload: NoticePayload = { ...base, cancelledBy: 'carer', cancelledByName: by.name };
		const family = { kind, payload, key, now: input.now, communityCode };
		deliver(tx, { ...family, recipients: [{ ...person, audience: 'family' }] });
		deliver(tx, { ...family, recipients: [{ ...by, audience: 'carer' }], sms: false });
		return;
	}
	if (row.bookedByUserId === null || row.bookedByUserId === row.userId) return;
	const booker = userRecipient(tx, row.bookedByUserId);
	if (!booker) return;
	const payload: NoticePayload = { ...base, cancelledBy: 'person', cancelledByName: person.name };
	deliver(tx, {
		kind,
		payload,
		recipients: [{ ...booker, audience: 'carer' }],
		key,
		now: input.now,
		communityCode
	});
}

export function notifyWaitlistCleared(
	tx: Db,
	input: { entryId: number; userId: number; slot: SlotContext; reason: string; now: number }
): void {
	const person = userRecipient(tx, input.userId);
	if (!person) return;
	const payload = payloadOf(input.slot, person.name, { bookingId: null, code: null, ...input });
	deliver(tx, {
		kind: 'waitlist_cleared',
		payload,
		recipients: [person],
		key: `waitlist:${input.entryId}:cleared`,
		now: input.now,
		communityCode: input.slot.point.communityCode
	});
}

/**
 * After an attended appointment: the person (and the carer who booked for them) are asked in the portal to
 * rate it. Only account holders can rate, so guests get nothing, and no text message is sent for the asking.
 */
export function notifyRatingRequested(
	tx: Db,
	input: { bookingId: number; slot: SlotContext; now: number }
): void {
	const { forName, bookedByName, recipients } = recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, {
		bookingId: input.bookingId,
		code: null,
		bookedByName
	});
	const accounts = recipients.filter((r) => r.userId !== null);
	deliver(tx, {
		kind: 'rating_requested',
		payload,
		recipients: accounts,
		key: `booking:${input.bookingId}:rating_requested`,
		now: input.now,
		communityCode: input.slot.point.communityCode,
		sms: false
	});
}

/** A staff answer to a rating reaches the person (and carer) in the portal and by text message. */
export function notifyRatingReplied(
	tx: Db,
	input: { bookingId: number; ratingId: number; slot: SlotContext; reply: string; now: number }
): void {
	const { forName, recipients } = recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, { bookingId: input.bookingId, code: null });
	deliver(tx, {
		kind: 'rating_replied',
		payload: { ...payload, reply: input.reply },
		recipients: recipients.filter((r) => r.userId !== null),
		key: `rating:${input.ratingId}:replied:${input.now}`,
		now: input.now,
		communityCode: input.slot.point.communityCode
	});
}
