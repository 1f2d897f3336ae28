import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { epochMs } from './columns';
import { community } from './places';
import { user } from './people';

// (PostgreSQL twin of ../indicators.ts) The facts a community's staff keep for the plan's indicator
// table (专栏1): one row per community, the latest confirmed values; every change is in audit_log.

export const communityFacts = pgTable(
	'community_facts',
	{
		communityCode: text('community_code')
			.primaryKey()
			.references(() => community.code),
		centreAreaM2: doublePrecision('centre_area_m2').notNull(),
		activityAreaM2: doublePrecision('activity_area_m2').notNull(),
		totalBuildingAreaM2: doublePrecision('total_building_area_m2').notNull(),
		commercialServiceAreaM2: doublePrecision('commercial_service_area_m2').notNull(),
		selfService: boolean('self_service').notNull(),
		committeeMembers: integer('committee_members').notNull(),
		fullTimeWorkers: integer('full_time_workers').notNull(),
		gridWorkers: integer('grid_workers').notNull(),
		publicWelfareWorkers: integer('public_welfare_workers').notNull(),
		confirmedAt: epochMs('confirmed_at').notNull(),
		confirmedByUserId: integer('confirmed_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		generated: boolean('generated').notNull().default(false)
	},
	(t) => [
		check(
			'community_facts_areas',
			sql`${t.activityAreaM2} >= 0 and ${t.activityAreaM2} <= ${t.centreAreaM2} and ${t.commercialServiceAreaM2} >= 0 and ${t.commercialServiceAreaM2} <= ${t.totalBuildingAreaM2}`
		),
		check(
			'community_facts_workers',
			sql`${t.committeeMembers} >= 0 and ${t.fullTimeWorkers} >= 0 and ${t.gridWorkers} >= 0 and ${t.publicWelfareWorkers} >= 0`
		)
	]
);
