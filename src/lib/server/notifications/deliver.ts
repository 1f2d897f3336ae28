import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { notification } from '../db/schema';
import { enqueueAll, messageKey, type Subject } from '../outbox';
import { formatWhen } from '$lib/time-format';
import { noticeText, type NoticeKind, type NoticePayload } from '$lib/notice-text';
import type { Locale } from '$lib/paraglide/runtime';
import type { Recipient } from './recipients';

/** What a notice says about the slot (booking's SlotContext has these and more). */
export interface NoticeSlot {
	id: number;
	startsAt: number;
	endsAt: number;
	point: { id: number; name: string; phone: string; communityCode: string };
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

export function payloadOf(
	slot: NoticeSlot,
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

export interface Delivery {
	kind: NoticeKind;
	payload: NoticePayload;
	recipients: Recipient[];
	/** what it is about, and which message about it: one per recipient (the outbox dedupes) */
	about: Subject;
	topic: string;
	now: number;
	/** the service point's community (whose staff may read the text messages in demo mode) */
	communityCode: string;
	/** when it is due (a reminder), now by default */
	at?: number;
	/** false: in the portal only */
	sms?: boolean;
}

/** Each recipient's portal row and text message, in the caller's transaction. */
export async function deliver(tx: Db, d: Delivery): Promise<void> {
	await deliverAll(tx, [d]);
}

/**
 * Several deliveries (a booking's confirmation and its reminders) in two statements: every portal
 * row in one insert, every text message in one, the same rows in the same order as one delivery after
 * the other. One statement per number of rows, kept prepared.
 */
export async function deliverAll(tx: Db, deliveries: Delivery[]): Promise<void> {
	const notices: { userId: number; kind: NoticeKind; payload: NoticePayload; at: Date }[] = [];
	const messages: Parameters<typeof enqueueAll>[1] = [];
	for (const d of deliveries) {
		const { kind, payload, recipients, now, at = now, sms = true } = d;
		for (const r of recipients) {
			// each reader's own copy: "您" is someone else for the elder and for the carer
			const own: NoticePayload = { ...payload, audience: r.audience };
			if (r.userId !== null)
				notices.push({ userId: r.userId, kind, payload: own, at: new Date(at) });
			if (!sms) continue;
			messages.push({
				channel: 'sms',
				recipient: r.phone,
				body: noticeText(kind, own, r.locale),
				templateId: kind,
				templateParams: templateParamsOf(own, r.locale),
				communityCode: d.communityCode,
				dedupeKey: messageKey(d.about, d.topic, r.userId ?? 'guest'),
				sendAfter: at > now ? at : null,
				now
			});
		}
	}
	await insertNotices(tx, notices);
	await enqueueAll(tx, messages);
}

async function insertNotices(
	tx: Db,
	notices: { userId: number; kind: NoticeKind; payload: NoticePayload; at: Date }[]
): Promise<void> {
	if (notices.length === 0) return;
	const n = notices.length;
	const values: Record<string, unknown> = {};
	for (const [i, notice] of notices.entries()) {
		values[`userId${i}`] = notice.userId;
		values[`kind${i}`] = notice.kind;
		values[`payload${i}`] = notice.payload;
		values[`at${i}`] = notice.at;
	}
	await prepared(tx, `insertNotices${n}`, ($) =>
		tx.insert(notification).values(
			Array.from({ length: n }, (_, i) => ({
				userId: $[`userId${i}`],
				kind: $[`kind${i}`],
				payload: $[`payload${i}`],
				createdAt: $[`at${i}`]
			}))
		)
	).execute(values);
}
