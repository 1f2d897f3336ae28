import { inArray } from 'drizzle-orm';
import { noticeText, type NoticeKind } from '$lib/notice-text';
import type { Db } from '../db';
import { notification, user } from '../db/schema';
import { enqueue } from '../outbox';

export interface HelpNotice {
	kind: Extract<NoticeKind, `help_${string}`>;
	helpRequestId: number;
	item: string;
	startsAt: number;
	/** the elder the help is for */
	forName: string;
	volunteerName?: string;
	communityCode: string;
	now: number;
}

/**
 * Tells people about a help request in the caller's transaction: a row in their 消息 and a text
 * message through the outbox (one per person and event: the dedupe key names both).
 */
export async function tellAboutHelp(tx: Db, userIds: number[], notice: HelpNotice): Promise<void> {
	const ids = [...new Set(userIds)];
	if (ids.length === 0) return;
	const people = await tx
		.select({ id: user.id, phone: user.phone, locale: user.locale })
		.from(user)
		.where(inArray(user.id, ids));
	const payload = {
		helpRequestId: notice.helpRequestId,
		item: notice.item,
		startsAt: notice.startsAt,
		forName: notice.forName,
		...(notice.volunteerName ? { volunteerName: notice.volunteerName } : {})
	};
	for (const person of people) {
		await tx.insert(notification).values({
			userId: person.id,
			kind: notice.kind,
			payload,
			createdAt: new Date(notice.now)
		});
		await enqueue(tx, {
			channel: 'sms',
			recipient: person.phone,
			body: noticeText(notice.kind, payload as never, person.locale),
			templateId: notice.kind,
			templateParams: { item: notice.item, name: notice.forName },
			communityCode: notice.communityCode,
			dedupeKey: `help:${notice.helpRequestId}:${notice.kind}:${person.id}`,
			now: notice.now
		});
	}
}
