import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, epochMs, id } from './columns';
import { community, street } from './places';
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
