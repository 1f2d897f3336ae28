import { and, count, desc, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db';
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
export function list(db: Db, userId: number, now = Date.now()): NotificationView[] {
	return db
		.select()
		.from(notification)
		.where(and(eq(notification.userId, userId), lte(notification.createdAt, new Date(now))))
		.orderBy(desc(notification.createdAt), desc(notification.id))
		.limit(100)
		.all()
		.map((row) => ({
			id: row.id,
			kind: row.kind as NoticeKind,
			payload: row.payload as unknown as NoticePayload,
			createdAt: row.createdAt.getTime(),
			read: row.readAt !== null
		}));
}

/** The header's badge: due notifications not yet read. */
export function unreadCount(db: Db, userId: number, now = Date.now()): number {
	return (
		db
			.select({ n: count() })
			.from(notification)
			.where(
				and(
					eq(notification.userId, userId),
					isNull(notification.readAt),
					lte(notification.createdAt, new Date(now))
				)
			)
			.get()?.n ?? 0
	);
}

export function markAllRead(db: Db, userId: number, now = Date.now()): void {
	db.update(notification)
		.set({ readAt: new Date(now) })
		.where(
			and(
				eq(notification.userId, userId),
				isNull(notification.readAt),
				lte(notification.createdAt, new Date(now))
			)
		)
		.run();
}
