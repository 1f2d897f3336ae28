import { and, count, desc, eq, isNull, lte } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { notification } from '../db/schema';
import type { NoticeKind, NoticePayload } from '$lib/notice-text';

/** The in-portal notifications: what /notifications lists and the header counts. */
export interface NotificationView {
	id: number;
	kind: NoticeKind;
	payload: NoticePayload;
	createdAt: number;
	read: boolean;
}

/** Reminders are stored ahead with their due time as createdAt: only what is due shows. */
export async function list(db: Db, userId: number, now = Date.now()): Promise<NotificationView[]> {
	const rows = await db
		.select()
		.from(notification)
		.where(and(eq(notification.userId, userId), lte(notification.createdAt, new Date(now))))
		.orderBy(desc(notification.createdAt), desc(notification.id))
		.limit(100);
	return rows.map((row) => ({
		id: row.id,
		kind: row.kind as NoticeKind,
		payload: row.payload as unknown as NoticePayload,
		createdAt: row.createdAt.getTime(),
		read: row.readAt !== null
	}));
}

/** The header's badge: due notifications not yet read. */
export async function unreadCount(db: Db, userId: number, now = Date.now()): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(notification)
		.where(
			and(
				eq(notification.userId, userId),
				isNull(notification.readAt),
				lte(notification.createdAt, new Date(now))
			)
		);
	return row?.n ?? 0;
}

export async function markAllRead(db: Db, userId: number, now = Date.now()): Promise<void> {
	await transaction(db, async (tx) => {
		await tx
			.update(notification)
			.set({ readAt: new Date(now) })
			.where(
				and(
					eq(notification.userId, userId),
					isNull(notification.readAt),
					lte(notification.createdAt, new Date(now))
				)
			);
	});
}
