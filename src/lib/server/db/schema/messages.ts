import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { user } from './people';

// What is told and recorded: in-portal notifications, the outbox, the audit log.

export const notification = sqliteTable(
	'notification',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		createdAt: createdAt(),
		readAt: integer('read_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('notification_user').on(t.userId, t.readAt)]
);

export const outbox = sqliteTable(
	'outbox',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		channel: text('channel', { enum: ['sms', 'wechat'] }).notNull(),
		recipient: text('recipient').notNull(),
		body: text('body').notNull(),
		/** dedupes scheduled messages (e.g. one reminder per booking and kind) */
		dedupeKey: text('dedupe_key'),
		createdAt: createdAt(),
		sendAfter: integer('send_after', { mode: 'timestamp_ms' }),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		/** nobody claims the row before this time: a sender's lease, or the back-off after a failure */
		claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
		/** set when the last allowed attempt failed: the message is given up */
		failedAt: integer('failed_at', { mode: 'timestamp_ms' }),
		/** a stable template id (e.g. booking_confirmed) and its values, for vendor SMS templates */
		templateId: text('template_id'),
		templateParams: text('template_params', { mode: 'json' }).$type<Record<string, string>>(),
		/** whose staff may read it on /staff/outbox (the service point's, or the one chosen at registration) */
		communityCode: text('community_code')
	},
	(t) => [
		uniqueIndex('outbox_dedupe').on(t.dedupeKey),
		index('outbox_pending').on(t.sentAt, t.sendAfter)
	]
);

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actorUserId: integer('actor_user_id').references(() => user.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
		createdAt: createdAt()
	},
	(t) => [index('audit_entity').on(t.entity, t.entityId), index('audit_time').on(t.createdAt)]
);
