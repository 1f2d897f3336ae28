import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text
} from 'drizzle-orm/pg-core';
import { createdAt, epochMs, id, nowMs } from './columns';

// (PostgreSQL twin of ../places.ts) Where things are: streets, communities, residences, service categories and points, the walking network, dataset facts.

export const street = pgTable(
	'street',
	{
		code: text('code').primaryKey(),
		name: text('name').notNull(),
		kind: text('kind', { enum: ['街道', '镇'] }).notNull(),
		urban: boolean('urban').notNull()
	},
	(t) => [check('street_kind', sql`${t.kind} in ('街道', '镇')`)]
);

export const community = pgTable(
	'community',
	{
		code: text('code').primaryKey(),
		name: text('name').notNull(),
		kind: text('kind', { enum: ['社区', '村'] }).notNull(),
		streetCode: text('street_code')
			.notNull()
			.references(() => street.code),
		centreLng: doublePrecision('centre_lng').notNull(),
		centreLat: doublePrecision('centre_lat').notNull(),
		address: text('address').notNull(),
		phone: text('phone').notNull(),
		/** GeoJSON Polygon/MultiPolygon when known; the demo city has none (not published). */
		polygon: jsonb('polygon'),
		/** true when the location/contact were generated for the demo, not taken from a source */
		generated: boolean('generated').notNull().default(false)
	},
	(t) => [
		check('community_kind', sql`${t.kind} in ('社区', '村')`),
		check('community_code_format', sql`length(${t.code}) = 12`),
		index('community_street').on(t.streetCode)
	]
);

export const residence = pgTable(
	'residence',
	{
		id: id(),
		name: text('name').notNull(),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		lng: doublePrecision('lng').notNull(),
		lat: doublePrecision('lat').notNull(),
		households: integer('households').notNull(),
		residents: integer('residents').notNull(),
		elderly60plus: integer('elderly_60plus').notNull(),
		children0to3: integer('children_0_3').notNull(),
		generated: boolean('generated').notNull().default(false)
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

export const serviceCategory = pgTable(
	'service_category',
	{
		code: text('code').primaryKey(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		tierMinutes: integer('tier_minutes').notNull(),
		bookable: boolean('bookable').notNull(),
		colour: text('colour').notNull(),
		icon: text('icon').notNull(),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [check('category_tier', sql`${t.tierMinutes} in (5, 10, 15)`)]
);

export const servicePoint = pgTable(
	'service_point',
	{
		id: id(),
		name: text('name').notNull(),
		categoryCode: text('category_code')
			.notNull()
			.references(() => serviceCategory.code),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		lng: doublePrecision('lng').notNull(),
		lat: doublePrecision('lat').notNull(),
		address: text('address').notNull(),
		phone: text('phone').notNull(),
		openingText: text('opening_text').notNull().default(''),
		accessibleEntrance: boolean('accessible_entrance').notNull().default(false),
		active: boolean('active').notNull().default(true),
		bookingHorizonDays: integer('booking_horizon_days').notNull().default(14),
		minNoticeMinutes: integer('min_notice_minutes').notNull().default(30),
		cancelCutoffMinutes: integer('cancel_cutoff_minutes').notNull().default(120),
		/** a check-in earlier than this before the slot starts asks the staff member to confirm */
		earlyCheckInMinutes: integer('early_check_in_minutes').notNull().default(60),
		generated: boolean('generated').notNull().default(false),
		createdAt: createdAt(),
		updatedAt: epochMs('updated_at').notNull().default(nowMs)
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
export const roadEdge = pgTable('road_edge', {
	id: id(),
	kind: text('kind').notNull(),
	name: text('name'),
	/** GeoJSON LineString coordinates, WGS84 [lng, lat][] */
	coordinates: jsonb('coordinates').$type<[number, number][]>().notNull(),
	generated: boolean('generated').notNull().default(false)
});

/** Small facts about the dataset: seed, network version, when slots were last materialised. */
export const meta = pgTable(
	'meta',
	{
		key: text('key').notNull(),
		value: text('value').notNull()
	},
	(t) => [primaryKey({ columns: [t.key] })]
);
