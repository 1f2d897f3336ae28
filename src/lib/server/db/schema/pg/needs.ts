import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { createdAt, epochMs, id } from './columns';
import type { ProjectCoverage } from '../needs';
import { user } from './people';
import { community, serviceCategory, servicePoint } from './places';

// (PostgreSQL twin of ../needs.ts) Residents' voice: the needs residents raise (居民需求清单), who supports them, and the projects
// (民生项目清单) staff make of them.

export const project = pgTable(
	'project',
	{
		id: id(),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		title: text('title').notNull(),
		/** a service category, or null for 其他 */
		categoryCode: text('category_code').references(() => serviceCategory.code),
		place: text('place').notNull(),
		lng: doublePrecision('lng'),
		lat: doublePrecision('lat'),
		responsibleUnit: text('responsible_unit').notNull(),
		/** local dates, YYYY-MM-DD */
		plannedStart: text('planned_start').notNull(),
		plannedEnd: text('planned_end').notNull(),
		status: text('status', { enum: ['planned', 'in_progress', 'completed', 'terminated'] })
			.notNull()
			.default('planned'),
		/** where it came from: needs, a planning gap, a what-if result, or staff */
		source: text('source', { enum: ['needs', 'gap', 'whatif', 'staff'] }).notNull(),
		/** the service point the completed project added */
		servicePointId: integer('service_point_id').references(() => servicePoint.id, {
			onDelete: 'set null'
		}),
		/** the engine's what-if at the planned place when the project was made: who it would bring within the tier */
		coverage: jsonb('coverage').$type<ProjectCoverage>(),
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		updatedAt: epochMs('updated_at')
	},
	(t) => [
		check(
			'project_status',
			sql`${t.status} in ('planned', 'in_progress', 'completed', 'terminated')`
		),
		check('project_title', sql`length(${t.title}) between 1 and 100`),
		check('project_dates', sql`${t.plannedEnd} >= ${t.plannedStart}`),
		index('project_community').on(t.communityCode, t.status)
	]
);

export const projectNote = pgTable(
	'project_note',
	{
		id: id(),
		projectId: integer('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		byUserId: integer('by_user_id').references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		check('project_note_text', sql`length(${t.text}) between 1 and 1000`),
		index('project_note_project').on(t.projectId)
	]
);

export const need = pgTable(
	'need',
	{
		id: id(),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		/** the person whose need it is (null once their account is gone) */
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		/** who typed it in: the person, or staff at the desk or on the phone */
		raisedByUserId: integer('raised_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		channel: text('channel', { enum: ['online', 'elder', 'desk', 'phone'] }).notNull(),
		/** a service category, or null for 其他 */
		categoryCode: text('category_code').references(() => serviceCategory.code),
		text: text('text').notNull(),
		place: text('place', { enum: ['home', 'community'] }).notNull(),
		lng: doublePrecision('lng'),
		lat: doublePrecision('lat'),
		public: boolean('public').notNull().default(true),
		status: text('status', {
			enum: ['open', 'accepted', 'merged', 'project', 'declined', 'done']
		})
			.notNull()
			.default('open'),
		/** staff's answer, shown with the need (the reason when declined) */
		answer: text('answer'),
		mergedIntoId: integer('merged_into_id'),
		projectId: integer('project_id').references(() => project.id, { onDelete: 'set null' }),
		/** "我也需要": kept with the need_support rows in the same transaction */
		supporters: integer('supporters').notNull().default(0),
		createdAt: createdAt(),
		updatedAt: epochMs('updated_at')
	},
	(t) => [
		check(
			'need_status',
			sql`${t.status} in ('open', 'accepted', 'merged', 'project', 'declined', 'done')`
		),
		check('need_text', sql`length(${t.text}) between 1 and 500`),
		check('need_supporters', sql`${t.supporters} >= 0`),
		index('need_community').on(t.communityCode, t.status),
		index('need_project').on(t.projectId)
	]
);

export const needSupport = pgTable(
	'need_support',
	{
		needId: integer('need_id')
			.notNull()
			.references(() => need.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('need_support_unique').on(t.needId, t.userId)]
);
