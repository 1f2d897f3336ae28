import { and, count, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { meta, residence, resource, roadEdge, serviceCategory, servicePoint } from '../db/schema';
import type { Facility, LngLat, Residence } from '$lib/geo';

/** Everything the engine is built from, read from the database in one go. */
export interface CoverageSource {
	network: LngLat[][];
	facilities: Facility[];
	residences: (Residence & { communityCode: string })[];
	categories: { code: string; tierMinutes: number }[];
}

export async function readSource(db: Db): Promise<CoverageSource> {
	const network = await db.select({ coordinates: roadEdge.coordinates }).from(roadEdge);
	const facilities = await db
		.select({
			id: servicePoint.id,
			category: servicePoint.categoryCode,
			lng: servicePoint.lng,
			lat: servicePoint.lat
		})
		.from(servicePoint)
		.where(eq(servicePoint.active, true));
	const resources = await resourceFacilities(db);
	const residences = await db
		.select({
			id: residence.id,
			communityCode: residence.communityCode,
			lng: residence.lng,
			lat: residence.lat,
			households: residence.households,
			elderly: residence.elderly60plus,
			children: residence.children0to3
		})
		.from(residence);
	const categories = await db
		.select({ code: serviceCategory.code, tierMinutes: serviceCategory.tierMinutes })
		.from(serviceCategory)
		.orderBy(serviceCategory.sortOrder);
	return {
		network: network.map((row) => row.coordinates),
		facilities: facilities
			.map((row) => ({
				id: String(row.id),
				category: row.category,
				point: [row.lng, row.lat] as LngLat
			}))
			.concat(resources),
		residences: residences.map(({ id, lng, lat, ...rest }) => ({
			id: String(id),
			point: [lng, lat] as LngLat,
			...rest
		})),
		categories
	};
}

/**
 * 服务资源 that serve as a service category and have a location count like service points. Their
 * facility ids are negative (-resource id): they never collide with a service point's, and the
 * pages that look a nearest facility up among service points skip them.
 */
async function resourceFacilities(db: Db): Promise<Facility[]> {
	const rows = await db
		.select({
			id: resource.id,
			category: resource.categoryCode,
			lng: resource.lng,
			lat: resource.lat
		})
		.from(resource)
		.where(
			and(
				eq(resource.active, true),
				isNotNull(resource.categoryCode),
				isNotNull(resource.lng),
				isNotNull(resource.lat)
			)
		);
	return rows.map((row) => ({
		id: String(-row.id),
		category: row.category!,
		point: [row.lng!, row.lat!] as LngLat
	}));
}

/**
 * The version of what the engine and the public map layers are computed from. Triggers on service
 * points, residences, categories and the network (migration 0002_public_data_version) bump it on
 * every insert, update and delete, from any process, so one row says whether anything changed —
 * the table scans this replaced cost 2–4 ms per request on the demo city once residences' figures
 * and names were included (a rename or new elder counts went unnoticed before).
 */
export async function sourceVersion(db: Db): Promise<string> {
	// prepared once per connection: every engine read checks it (6–15 µs instead of 35–48 µs with the
	// query built each time, on the 1M-resident city; see README "No stalls")
	const [row] = await prepared(db, 'public-data-version', () =>
		db.select({ version: meta.value }).from(meta).where(eq(meta.key, 'public_data_version'))
	).execute();
	return row ? `v${row.version}` : scannedVersion(db);
}

/** Without the version row (someone deleted it): counts, maxima and sums, as before the triggers. */
async function scannedVersion(db: Db): Promise<string> {
	const number = (expression: SQL) => sql`coalesce(${expression}, 0)`.mapWith(Number);
	const [points] = await db
		.select({
			count: count(),
			updatedAt: number(sql`max(${servicePoint.updatedAt})`),
			active: number(sql`sum(case when ${servicePoint.active} then 1 else 0 end)`),
			maxId: number(sql`max(${servicePoint.id})`)
		})
		.from(servicePoint);
	const [residences] = await db
		.select({
			count: count(),
			maxId: number(sql`max(${residence.id})`),
			households: number(sql`sum(${residence.households})`)
		})
		.from(residence);
	const [network] = await db
		.select({ count: count(), maxId: number(sql`max(${roadEdge.id})`) })
		.from(roadEdge);
	const categories = await db
		.select({ code: serviceCategory.code, tierMinutes: serviceCategory.tierMinutes })
		.from(serviceCategory)
		.orderBy(serviceCategory.code);
	// resources with a location and a category count in coverage and are on the map
	const [resources] = await db
		.select({
			count: count(),
			maxId: number(sql`max(${resource.id})`),
			active: number(sql`sum(case when ${resource.active} then 1 else 0 end)`),
			located: number(
				sql`sum(case when ${resource.lng} is not null and ${resource.categoryCode} is not null then 1 else 0 end)`
			)
		})
		.from(resource);
	return [
		Object.values(points).join(':'),
		Object.values(residences).join(':'),
		Object.values(network).join(':'),
		categories.map((c) => `${c.code}=${c.tierMinutes}`).join(','),
		Object.values(resources).join(':')
	].join('|');
}
