import { sql } from 'drizzle-orm';
import { check, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { community } from './places';
import { user } from './people';

// The facts a community's staff keep for the plan's indicator table (专栏1): one row per community,
// the latest confirmed values; every change is in audit_log with the values before and after.

export const communityFacts = sqliteTable(
	'community_facts',
	{
		communityCode: text('community_code')
			.primaryKey()
			.references(() => community.code),
		/** the community's 综合服务设施 (service centre) building area; 0 = it has none */
		centreAreaM2: real('centre_area_m2').notNull(),
		/** the part of the centre that is resident activity space */
		activityAreaM2: real('activity_area_m2').notNull(),
		/** all buildings of the community */
		totalBuildingAreaM2: real('total_building_area_m2').notNull(),
		/** commercial and service buildings (the centre included) */
		commercialServiceAreaM2: real('commercial_service_area_m2').notNull(),
		/** a government self-service terminal or online 政务 service point in the community */
		selfService: integer('self_service', { mode: 'boolean' }).notNull(),
		/** 两委 members */
		committeeMembers: integer('committee_members').notNull(),
		/** full-time community workers (专职社区工作者) */
		fullTimeWorkers: integer('full_time_workers').notNull(),
		/** grid workers and public-welfare posts: kept, but not 社区工作者 in the plan's sense */
		gridWorkers: integer('grid_workers').notNull(),
		publicWelfareWorkers: integer('public_welfare_workers').notNull(),
		confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }).notNull(),
		confirmedByUserId: integer('confirmed_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		/** true for the demo's generated values */
		generated: integer('generated', { mode: 'boolean' }).notNull().default(false)
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
