import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { street, community, residence } from './places';

// People: accounts, sessions and sign-in, family links, staff scopes; what they are told (in-portal
// notifications, the outbox) and the audit log of what was done.

export const user = sqliteTable(
	'user',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		phone: text('phone').notNull(),
		name: text('name').notNull(),
		/** argon2id; null for accounts that cannot log in (generated history, desk-only residents) */
		passwordHash: text('password_hash'),
		role: text('role', { enum: ['resident', 'staff', 'admin'] })
			.notNull()
			.default('resident'),
		communityCode: text('community_code').references(() => community.code),
		homeResidenceId: integer('home_residence_id').references(() => residence.id, {
			onDelete: 'set null'
		}),
		birthYear: integer('birth_year'),
		/** 'standard' (1.2 m/s), 'slow' (0.9 m/s) or 'custom' (walkingSpeedMps) */
		walkingSpeed: text('walking_speed', { enum: ['standard', 'slow', 'custom'] })
			.notNull()
			.default('standard'),
		walkingSpeedMps: real('walking_speed_mps'),
		elderMode: integer('elder_mode', { mode: 'boolean' }).notNull().default(false),
		locale: text('locale', { enum: ['zh-CN', 'en'] })
			.notNull()
			.default('zh-CN'),
		phoneVerifiedAt: integer('phone_verified_at', { mode: 'timestamp_ms' }),
		generated: integer('generated', { mode: 'boolean' }).notNull().default(false),
		/** an administrator disabled the (staff) account: it cannot sign in, its sessions ended */
		disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
		/** the privacy notice version the person agreed to, and when (src/lib/privacy.ts) */
		privacyNoticeVersion: text('privacy_notice_version'),
		privacyConsentedAt: integer('privacy_consented_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		deletedAt: integer('deleted_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('user_phone').on(t.phone),
		check('user_role', sql`${t.role} in ('resident', 'staff', 'admin')`),
		check('user_phone_format', sql`length(${t.phone}) = 11 and ${t.phone} not glob '*[^0-9]*'`),
		check('user_birth_year', sql`${t.birthYear} is null or ${t.birthYear} between 1900 and 2100`),
		check(
			'user_speed',
			sql`${t.walkingSpeed} in ('standard', 'slow', 'custom') and (${t.walkingSpeed} <> 'custom' or ${t.walkingSpeedMps} between 0.2 and 3)`
		)
	]
);

export const session = sqliteTable(
	'session',
	{
		/** SHA-256 of the cookie token, hex; the token itself is never stored */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt(),
		/** a short device label for the "active sessions" list (no IP address: PIPL) */
		userAgent: text('user_agent'),
		/** cookie: a browser's session cookie; bearer: an app's `Authorization: Bearer` token */
		kind: text('kind', { enum: ['cookie', 'bearer'] })
			.notNull()
			.default('cookie')
	},
	// no CHECK on kind: drizzle-kit would rebuild the table to add one and copy the new column from
	// the old table, which has none; the session module writes only 'cookie' and 'bearer'
	(t) => [index('session_user').on(t.userId)]
);

/**
 * A browser that has signed in to an account before (a long-lived httpOnly `device` cookie holds a
 * random token; only its SHA-256 is stored). While an account is locked by failed logins, the
 * password still works from such a device, so a stranger's guesses cannot lock the owner out.
 */
export const trustedDevice = sqliteTable(
	'trusted_device',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('trusted_device_user').on(t.userId)]
);

/**
 * A phone verification in progress: the code is sent through the outbox, only its SHA-256 is kept.
 * `id` is the SHA-256 of a random ticket the client holds (a cookie, or the API's `ticket`);
 * `payload` keeps what the registration form already asked, so nobody is asked twice (WCAG 3.3.7).
 */
export const verificationCode = sqliteTable(
	'verification_code',
	{
		id: text('id').primaryKey(),
		phone: text('phone').notNull(),
		/** register: a new account; login: signing in by code (or a locked account's second factor);
		 * reset: a new password; desk_link: the elder's presence when staff confirm a family link at the desk */
		purpose: text('purpose', { enum: ['register', 'login', 'reset', 'desk_link'] }).notNull(),
		codeHash: text('code_hash').notNull(),
		payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>(),
		attempts: integer('attempts').notNull().default(0),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		consumedAt: integer('consumed_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		check('verification_purpose', sql`${t.purpose} in ('register', 'login', 'reset', 'desk_link')`),
		index('verification_phone').on(t.phone, t.createdAt)
	]
);

/**
 * Fixed-window counters for rate limits, in the database so every server process shares them.
 * `key` is a SHA-256 of the limit name and subject (phone or IP), never the subject itself.
 */
export const rateLimit = sqliteTable(
	'rate_limit',
	{
		key: text('key').primaryKey(),
		count: integer('count').notNull(),
		resetAt: integer('reset_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('rate_limit_reset').on(t.resetAt)]
);

export const familyLink = sqliteTable(
	'family_link',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		carerUserId: integer('carer_user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		/**
		 * the elder's account, once there is one: an invitation to a number that has no resident
		 * account is kept (so the answer to the inviter is the same) and attached on registration
		 */
		elderUserId: integer('elder_user_id').references(() => user.id, { onDelete: 'cascade' }),
		/** the number the carer typed: all the carer sees (masked) until the elder accepts */
		invitedPhone: text('invited_phone').notNull(),
		createdAt: createdAt(),
		/** the link is active only once the elder (or staff at the desk) confirms it */
		confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
		confirmedByUserId: integer('confirmed_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		check('family_link_distinct', sql`${t.carerUserId} <> ${t.elderUserId}`),
		uniqueIndex('family_link_open')
			.on(t.carerUserId, t.elderUserId)
			.where(sql`${t.endedAt} is null`),
		uniqueIndex('family_link_open_phone')
			.on(t.carerUserId, t.invitedPhone)
			.where(sql`${t.endedAt} is null`),
		index('family_link_elder').on(t.elderUserId),
		index('family_link_phone').on(t.invitedPhone)
	]
);

export const staffScope = sqliteTable(
	'staff_scope',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		/** exactly one of community or street: a whole street covers all its communities */
		communityCode: text('community_code').references(() => community.code),
		streetCode: text('street_code').references(() => street.code)
	},
	(t) => [
		check('staff_scope_one_target', sql`(${t.communityCode} is null) <> (${t.streetCode} is null)`),
		uniqueIndex('staff_scope_unique').on(t.userId, t.communityCode, t.streetCode)
	]
);

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
