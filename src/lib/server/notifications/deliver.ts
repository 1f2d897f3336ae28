import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { notification } from '../db/schema';
import { enqueue, messageKey, type Subject } from '../outbox';
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
	const { kind, payload, recipients, now, at = now, sms = true } = d;
	const insertNotice = prepared(tx, 'insertNotice', ($) =>
		tx
			.insert(notification)
			.values({ userId: $.userId, kind: $.kind, payload: $.payload, createdAt: $.at })
	);
	for (const r of recipients) {
		// each reader's own copy: "您" is someone else for the elder and for the carer
		const own: NoticePayload = { ...payload, audience: r.audience };
		if (r.userId !== null)
			await insertNotice.execute({ userId: r.userId, kind, payload: own, at: new Date(at) });
		if (!sms) continue;
		await enqueue(tx, {
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
