import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

// Times are UTC instants stored as epoch milliseconds; they are shown in Asia/Shanghai.
const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const street = sqliteTable(
	'street',
	{
		code: text('code').primaryKey(),
		name: text('name').notNull(),
		kind: text('kind', { enum: ['街道', '镇'] }).notNull(),
		urban: integer('urban', { mode: 'boolean' }).notNull()
	},
	(t) => [check('street_kind', sql`${t.kind} in ('街道', '镇')`)]
);

export const community = sqliteTable(
	'community',
	{
		code: text('code').primaryKey(),
		name: text('name').notNull(),
		kind: text('kind', { enum: ['社区', '村'] }).notNull(),
		streetCode: text('street_code')
			.notNull()
			.references(() => street.code),
		centreLng: real('centre_lng').notNull(),
		centreLat: real('centre_lat').notNull(),
		address: text('address').notNull(),
		phone: text('phone').notNull(),
		/** GeoJSON Polygon/MultiPolygon when known; the demo city has none (not published). */
		polygon: text('polygon', { mode: 'json' }),
		/** true when the location/contact were generated for the demo, not taken from a source */
		generated: integer('generated', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [
		check('community_kind', sql`${t.kind} in ('社区', '村')`),
		check('community_code_format', sql`length(${t.code}) = 12`),
		index('community_street').on(t.streetCode)
	]
);

export const residence = sqliteTable(
	'residence',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		lng: real('lng').notNull(),
		lat: real('lat').notNull(),
		households: integer('households').notNull(),
		residents: integer('residents').notNull(),
		elderly60plus: integer('elderly_60plus').notNull(),
		children0to3: integer('children_0_3').notNull(),
		generated: integer('generated', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [
		check('residence_counts', sql`${t.households} >= 0 and ${t.residents} >= ${t.households}`),
		check(
			'residence_groups',
			sql`${t.elderly60plus} between 0 and ${t.residents} and ${t.children0to3} between 0 and ${t.residents}`
		),
		check('residence_lnglat', sql`${t.lng} between -180 and 180 and ${t.lat} between -90 and 90`),
		index('residence_community').on(t.communityCode)
	]
);

export const serviceCategory = sqliteTable(
	'service_category',
	{
		code: text('code').primaryKey(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		tierMinutes: integer('tier_minutes').notNull(),
		bookable: integer('bookable', { mode: 'boolean' }).notNull(),
		colour: text('colour').notNull(),
		icon: text('icon').notNull(),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [check('category_tier', sql`${t.tierMinutes} in (5, 10, 15)`)]
);

export const servicePoint = sqliteTable(
	'service_point',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		categoryCode: text('category_code')
			.notNull()
			.references(() => serviceCategory.code),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		lng: real('lng').notNull(),
		lat: real('lat').notNull(),
		address: text('address').notNull(),
		phone: text('phone').notNull(),
		openingText: text('opening_text').notNull().default(''),
		accessibleEntrance: integer('accessible_entrance', { mode: 'boolean' })
			.notNull()
			.default(false),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		bookingHorizonDays: integer('booking_horizon_days').notNull().default(14),
		minNoticeMinutes: integer('min_notice_minutes').notNull().default(30),
		cancelCutoffMinutes: integer('cancel_cutoff_minutes').notNull().default(120),
		/** a check-in earlier than this before the slot starts asks the staff member to confirm */
		earlyCheckInMinutes: integer('early_check_in_minutes').notNull().default(60),
		generated: integer('generated', { mode: 'boolean' }).notNull().default(false),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`)
	},
	(t) => [
		check(
			'service_point_lnglat',
			sql`${t.lng} between -180 and 180 and ${t.lat} between -90 and 90`
		),
		check('service_point_horizon', sql`${t.bookingHorizonDays} between 1 and 90`),
		check('service_point_rules', sql`${t.minNoticeMinutes} >= 0 and ${t.cancelCutoffMinutes} >= 0`),
		index('service_point_category').on(t.categoryCode),
		index('service_point_community').on(t.communityCode)
	]
);

export const openingRule = sqliteTable(
	'opening_rule',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		servicePointId: integer('service_point_id')
			.notNull()
			.references(() => servicePoint.id, { onDelete: 'cascade' }),
		/** ISO weekday: 1 = Monday … 7 = Sunday */
		weekday: integer('weekday').notNull(),
		/** minutes after local (Asia/Shanghai) midnight */
		startMinute: integer('start_minute').notNull(),
		endMinute: integer('end_minute').notNull(),
		slotMinutes: integer('slot_minutes').notNull(),
		capacity: integer('capacity').notNull(),
		/** places per slot kept for phone and desk bookings, for elders without smartphones */
		reservedForAssisted: integer('reserved_for_assisted').notNull().default(0)
	},
	(t) => [
		check('opening_rule_weekday', sql`${t.weekday} between 1 and 7`),
		check(
			'opening_rule_time',
			sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.endMinute} > ${t.startMinute}`
		),
		check('opening_rule_slot', sql`${t.slotMinutes} between 5 and 1440`),
		check(
			'opening_rule_capacity',
			sql`${t.capacity} between 1 and 1000 and ${t.reservedForAssisted} between 0 and ${t.capacity}`
		),
		index('opening_rule_point').on(t.servicePointId)
	]
);

export const closure = sqliteTable(
	'closure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		servicePointId: integer('service_point_id')
			.notNull()
			.references(() => servicePoint.id, { onDelete: 'cascade' }),
		/** local dates, YYYY-MM-DD, inclusive */
		startsOn: text('starts_on').notNull(),
		endsOn: text('ends_on').notNull(),
		reason: text('reason').notNull(),
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt()
	},
	(t) => [
		check('closure_dates', sql`${t.endsOn} >= ${t.startsOn}`),
		index('closure_point').on(t.servicePointId, t.startsOn)
	]
);

export const slot = sqliteTable(
	'slot',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		servicePointId: integer('service_point_id')
			.notNull()
			.references(() => servicePoint.id, { onDelete: 'cascade' }),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
		/** capacity from the opening rule when the slot was materialised */
		capacity: integer('capacity').notNull(),
		/** staff override of this one slot's capacity */
		capacityOverride: integer('capacity_override'),
		reservedForAssisted: integer('reserved_for_assisted').notNull().default(0),
		/** confirmed bookings, kept in the same transaction as the booking rows */
		bookedCount: integer('booked_count').notNull().default(0),
		cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
		cancelReason: text('cancel_reason')
	},
	(t) => [
		uniqueIndex('slot_point_start').on(t.servicePointId, t.startsAt),
		index('slot_start').on(t.startsAt),
		check('slot_time', sql`${t.endsAt} > ${t.startsAt}`),
		check('slot_capacity', sql`${t.capacity} >= 1 and coalesce(${t.capacityOverride}, 0) >= 0`),
		check('slot_booked', sql`${t.bookedCount} >= 0`)
	]
);

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
		userAgent: text('user_agent')
	},
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
		/** register: a new account; login: a locked account's second factor; desk_link: the elder's
		 * presence when staff confirm a family link at the desk */
		purpose: text('purpose', { enum: ['register', 'login', 'desk_link'] }).notNull(),
		codeHash: text('code_hash').notNull(),
		payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>(),
		attempts: integer('attempts').notNull().default(0),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		consumedAt: integer('consumed_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		check('verification_purpose', sql`${t.purpose} in ('register', 'login', 'desk_link')`),
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

export const booking = sqliteTable(
	'booking',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		slotId: integer('slot_id')
			.notNull()
			.references(() => slot.id),
		/** the person the appointment is for; null for guests without an account or anonymised */
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		guestName: text('guest_name'),
		guestPhone: text('guest_phone'),
		/** who made the booking: the resident, a linked carer, or staff */
		bookedByUserId: integer('booked_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		channel: text('channel', { enum: ['online', 'proxy', 'phone', 'desk'] }).notNull(),
		status: text('status', { enum: ['booked', 'cancelled', 'attended', 'no_show'] })
			.notNull()
			.default('booked'),
		/** short code read out or scanned at check-in */
		code: text('code').notNull(),
		createdAt: createdAt(),
		statusChangedAt: integer('status_changed_at', { mode: 'timestamp_ms' }),
		cancelledByUserId: integer('cancelled_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		cancelReason: text('cancel_reason'),
		anonymised: integer('anonymised', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [
		uniqueIndex('booking_code').on(t.code),
		uniqueIndex('booking_one_per_person')
			.on(t.slotId, t.userId)
			.where(sql`${t.status} <> 'cancelled' and ${t.userId} is not null`),
		index('booking_slot').on(t.slotId, t.status),
		index('booking_user').on(t.userId, t.status),
		check('booking_channel', sql`${t.channel} in ('online', 'proxy', 'phone', 'desk')`),
		check('booking_status', sql`${t.status} in ('booked', 'cancelled', 'attended', 'no_show')`),
		check(
			'booking_person',
			sql`${t.userId} is not null or ${t.guestName} is not null or ${t.anonymised} = 1`
		),
		check('booking_cancel', sql`${t.status} <> 'cancelled' or ${t.statusChangedAt} is not null`)
	]
);

export const waitlistEntry = sqliteTable(
	'waitlist_entry',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		slotId: integer('slot_id')
			.notNull()
			.references(() => slot.id),
		userId: integer('user_id').references(() => user.id, { onDelete: 'cascade' }),
		bookedByUserId: integer('booked_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		channel: text('channel', { enum: ['online', 'proxy', 'phone', 'desk'] }).notNull(),
		status: text('status', { enum: ['waiting', 'promoted', 'left', 'cleared'] })
			.notNull()
			.default('waiting'),
		createdAt: createdAt(),
		promotedBookingId: integer('promoted_booking_id').references(() => booking.id)
	},
	(t) => [
		uniqueIndex('waitlist_one_per_person')
			.on(t.slotId, t.userId)
			.where(sql`${t.status} = 'waiting'`),
		index('waitlist_slot').on(t.slotId, t.status, t.id),
		check('waitlist_status', sql`${t.status} in ('waiting', 'promoted', 'left', 'cleared')`)
	]
);

export const rating = sqliteTable(
	'rating',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		bookingId: integer('booking_id')
			.notNull()
			.references(() => booking.id),
		stars: integer('stars').notNull(),
		/** quick tags, e.g. ["态度好","准时"] */
		tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
		comment: text('comment'),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
		reply: text('reply'),
		repliedAt: integer('replied_at', { mode: 'timestamp_ms' }),
		repliedByUserId: integer('replied_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		/** 回访: when staff called back about a low rating */
		followedUpAt: integer('followed_up_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('rating_booking').on(t.bookingId),
		check('rating_stars', sql`${t.stars} between 1 and 5`),
		check('rating_comment', sql`${t.comment} is null or length(${t.comment}) <= 1000`)
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

/** The walking network: one row per noded LineString; replaceable by an import. */
export const roadEdge = sqliteTable('road_edge', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	kind: text('kind').notNull(),
	name: text('name'),
	/** GeoJSON LineString coordinates, WGS84 [lng, lat][] */
	coordinates: text('coordinates', { mode: 'json' }).$type<[number, number][]>().notNull(),
	generated: integer('generated', { mode: 'boolean' }).notNull().default(false)
});

/** Small facts about the dataset: seed, network version, when slots were last materialised. */
export const meta = sqliteTable(
	'meta',
	{
		key: text('key').notNull(),
		value: text('value').notNull()
	},
	(t) => [primaryKey({ columns: [t.key] })]
);
