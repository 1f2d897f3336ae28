import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text
} from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

// Where things are: streets, communities, residences, service categories and points, the walking network, dataset facts.

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
