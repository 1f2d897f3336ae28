import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { meta, residence, roadEdge, serviceCategory, servicePoint } from '../db/schema';
import type { Facility, LngLat, Residence } from '$lib/geo';

/** Everything the engine is built from, read from the database in one go. */
export interface CoverageSource {
	network: LngLat[][];
	facilities: Facility[];
	residences: (Residence & { communityCode: string })[];
	categories: { code: string; tierMinutes: number }[];
}

export function readSource(db: Db): CoverageSource {
	return {
		network: db
			.select({ coordinates: roadEdge.coordinates })
			.from(roadEdge)
			.all()
			.map((row) => row.coordinates),
		facilities: db
			.select({
				id: servicePoint.id,
				category: servicePoint.categoryCode,
				lng: servicePoint.lng,
				lat: servicePoint.lat
			})
			.from(servicePoint)
			.where(eq(servicePoint.active, true))
			.all()
			.map((row) => ({ id: String(row.id), category: row.category, point: [row.lng, row.lat] })),
		residences: db
			.select({
				id: residence.id,
				communityCode: residence.communityCode,
				lng: residence.lng,
				lat: residence.lat,
				households: residence.households,
				elderly: residence.elderly60plus,
				children: residence.children0to3
			})
			.from(residence)
			.all()
			.map(({ id, lng, lat, ...rest }) => ({
				id: String(id),
				point: [lng, lat] as LngLat,
				...rest
			})),
		categories: db
			.select({ code: serviceCategory.code, tierMinutes: serviceCategory.tierMinutes })
			.from(serviceCategory)
			.orderBy(serviceCategory.sortOrder)
			.all()
	};
}

/**
 * The version of what the engine and the public map layers are computed from. Triggers on service
 * points, residences, categories and the network (migration 0002_public_data_version) bump it on
 * every insert, update and delete, from any process, so one row says whether anything changed —
 * the table scans this replaced cost 2–4 ms per request on the demo city once residences' figures
 * and names were included (a rename or new elder counts went unnoticed before).
 */
export function sourceVersion(db: Db): string {
	// prepared once per connection: every engine read checks it (6–15 µs instead of 35–48 µs with the
	// query built each time, on the 1M-resident city; see README "No stalls")
	const row = prepared(db, 'public-data-version', () =>
		db.select({ version: meta.value }).from(meta).where(eq(meta.key, 'public_data_version'))
	).get();
	return row ? `v${row.version}` : scannedVersion(db);
}

/** Without the version row (someone deleted it): counts and sums, as before the triggers. */
function scannedVersion(db: Db): string {
	const row = db.get<{
		points: string;
		residences: string;
		network: string;
		categories: string;
	}>(sql`
		select
			(select count(*) || ':' || coalesce(max(${servicePoint.updatedAt}), 0) || ':' || coalesce(sum(${servicePoint.active}), 0) || ':' || coalesce(max(${servicePoint.id}), 0) from ${servicePoint}) as points,
			(select count(*) || ':' || coalesce(max(${residence.id}), 0) || ':' || coalesce(sum(${residence.households}), 0) from ${residence}) as residences,
			(select count(*) || ':' || coalesce(max(${roadEdge.id}), 0) from ${roadEdge}) as network,
			(select group_concat(${serviceCategory.code} || '=' || ${serviceCategory.tierMinutes}) from ${serviceCategory}) as categories`);
	return `${row?.points}|${row?.residences}|${row?.network}|${row?.categories}`;
}
