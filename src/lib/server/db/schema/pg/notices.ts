import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	pgTable,
	text
} from 'drizzle-orm/pg-core';
import { createdAt, epochMs, id } from './columns';
import { community, serviceCategory, street } from './places';
import { user } from './people';

// (PostgreSQL twin of ../notices.ts) 通知公告: what staff publish for their community, street staff
// for their street, administrators for the whole city. Plain text only.

export const notice = pgTable(
	'notice',
	{
		id: id(),
		scope: text('scope', { enum: ['community', 'street', 'city'] }).notNull(),
		/** set for a community notice only */
		communityCode: text('community_code').references(() => community.code),
		/** set for a street notice only */
		streetCode: text('street_code').references(() => street.code),
		title: text('title').notNull(),
		body: text('body').notNull(),
		/** shown from this instant (publication when null) until validUntil (open-ended when null) */
		validFrom: epochMs('valid_from'),
		validUntil: epochMs('valid_until'),
		pinned: boolean('pinned').notNull().default(false),
		/** urgent notices also go out as text messages (through the outbox) */
		urgent: boolean('urgent').notNull().default(false),
		authorUserId: integer('author_user_id').references(() => user.id, { onDelete: 'set null' }),
		/** publication time */
		createdAt: createdAt(),
		/** taken down by staff: no longer shown anywhere */
		withdrawnAt: epochMs('withdrawn_at')
	},
	(t) => [
		check('notice_scope', sql`${t.scope} in ('community', 'street', 'city')`),
		check(
			'notice_scope_target',
			sql`(${t.scope} = 'community' and ${t.communityCode} is not null and ${t.streetCode} is null) or (${t.scope} = 'street' and ${t.streetCode} is not null and ${t.communityCode} is null) or (${t.scope} = 'city' and ${t.communityCode} is null and ${t.streetCode} is null)`
		),
		check(
			'notice_validity',
			sql`${t.validFrom} is null or ${t.validUntil} is null or ${t.validFrom} <= ${t.validUntil}`
		),
		index('notice_community').on(t.communityCode, t.createdAt),
		index('notice_street').on(t.streetCode, t.createdAt),
		index('notice_time').on(t.createdAt)
	]
);

/** The kinds of 服务资源 beside the service points (those are in service_point). */
export const resourceKinds = ['parking', 'sports', 'meeting_room', 'all_day', 'other'] as const;

// 服务资源清单: what else a community offers its residents (驻区单位 parking, sports grounds,
// meeting rooms, 24-hour items), maintained by its staff. With a location and a service category,
// a resource counts in coverage like a service point (coverage/source.ts).
export const resource = pgTable(
	'resource',
	{
		id: id(),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		name: text('name').notNull(),
		kind: text('kind', { enum: resourceKinds }).notNull(),
		/** a service category when the resource serves as one (a unit's canteen open to elders: meal) */
		categoryCode: text('category_code').references(() => serviceCategory.code),
		owner: text('owner').notNull(),
		openingText: text('opening_text').notNull().default(''),
		contact: text('contact').notNull().default(''),
		lng: doublePrecision('lng'),
		lat: doublePrecision('lat'),
		active: boolean('active').notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [
		check(
			'resource_kind',
			sql`${t.kind} in ('parking', 'sports', 'meeting_room', 'all_day', 'other')`
		),
		check(
			'resource_lnglat',
			sql`(${t.lng} is null and ${t.lat} is null) or (${t.lng} between -180 and 180 and ${t.lat} between -90 and 90)`
		),
		index('resource_community').on(t.communityCode)
	]
);
