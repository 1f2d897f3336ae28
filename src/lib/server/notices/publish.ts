import { and, eq, inArray, isNull } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { community, notice, notification, user } from '../db/schema';
import { record } from '../audit';
import { enqueue } from '../outbox';
import { noticeText, type NoticePayload } from '$lib/notice-text';
import type { Locale } from '$lib/paraglide/runtime';
import type { NoticeInput, NoticeTarget } from './schemas';

export type PublishResult = { status: 'ok'; id: number } | { status: 'unknown_target' };

/** The communities a notice reaches (null: every community). */
async function communitiesOf(tx: Db, target: NoticeTarget): Promise<string[] | null> {
	if (target.scope === 'city') return null;
	const rows = await tx
		.select({ code: community.code })
		.from(community)
		.where(
			target.scope === 'community'
				? eq(community.code, target.community)
				: eq(community.streetCode, target.street)
		);
	return rows.map((r) => r.code);
}

/**
 * Publishes a notice: the row, its audit entry, a 消息 for every resident of the communities it
 * reaches and, when urgent, a text message to each through the outbox — all in one transaction.
 * The caller has checked the author's authority (authority.ts).
 */
export async function publish(
	db: Db,
	input: { notice: NoticeInput; byUserId: number; now?: number }
): Promise<PublishResult> {
	const now = input.now ?? Date.now();
	const { target, title, body, validFrom, validUntil, pinned, urgent } = input.notice;
	return await transaction(db, async (tx) => {
		const codes = await communitiesOf(tx, target);
		if (codes !== null && codes.length === 0) return { status: 'unknown_target' } as const;
		const [row] = await tx
			.insert(notice)
			.values({
				scope: target.scope,
				communityCode: target.scope === 'community' ? target.community : null,
				streetCode: target.scope === 'street' ? target.street : null,
				title,
				body,
				validFrom: validFrom === null ? null : new Date(validFrom),
				validUntil: validUntil === null ? null : new Date(validUntil),
				pinned,
				urgent,
				authorUserId: input.byUserId,
				createdAt: new Date(now)
			})
			.returning({ id: notice.id });
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'notice_published',
			entity: 'notice',
			entityId: row.id,
			detail: { scope: target.scope, communities: codes?.length ?? 'all', urgent },
			now
		});
		// told only when it is already shown: a notice valid from a later day is found on the pages then
		if (validFrom === null || validFrom <= now)
			await tellResidents(tx, { id: row.id, title, urgent, codes, now });
		return { status: 'ok', id: row.id } as const;
	});
}

async function tellResidents(
	tx: Db,
	n: { id: number; title: string; urgent: boolean; codes: string[] | null; now: number }
): Promise<void> {
	const residents = await tx
		.select({
			id: user.id,
			phone: user.phone,
			locale: user.locale,
			communityCode: user.communityCode
		})
		.from(user)
		.where(
			and(
				eq(user.role, 'resident'),
				n.codes === null ? undefined : inArray(user.communityCode, n.codes),
				isNull(user.deletedAt)
			)
		);
	for (const r of residents) {
		if (r.communityCode === null) continue;
		const payload = { noticeId: n.id, title: n.title, communityCode: r.communityCode };
		await tx.insert(notification).values({
			userId: r.id,
			kind: 'notice_published',
			payload,
			createdAt: new Date(n.now)
		});
		if (!n.urgent || !r.phone) continue;
		const locale: Locale = r.locale === 'en' ? 'en' : 'zh-CN';
		await enqueue(tx, {
			channel: 'sms',
			recipient: r.phone,
			body: noticeText('notice_published', payload as unknown as NoticePayload, locale),
			templateId: 'notice_published',
			templateParams: { title: n.title },
			communityCode: r.communityCode,
			dedupeKey: `notice:${n.id}:${r.id}`,
			now: n.now
		});
	}
}

/** Takes a notice down (it stays in the audit log). */
export async function withdraw(
	db: Db,
	input: { id: number; byUserId: number; now?: number }
): Promise<{ status: 'ok' } | { status: 'not_found' }> {
	const now = input.now ?? Date.now();
	return await transaction(db, async (tx) => {
		const [row] = await tx
			.update(notice)
			.set({ withdrawnAt: new Date(now) })
			.where(and(eq(notice.id, input.id), isNull(notice.withdrawnAt)))
			.returning({ id: notice.id });
		if (!row) return { status: 'not_found' } as const;
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'notice_withdrawn',
			entity: 'notice',
			entityId: row.id,
			now
		});
		return { status: 'ok' } as const;
	});
}
