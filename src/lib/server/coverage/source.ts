import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { residence, roadEdge, serviceCategory, servicePoint } from '../db/schema';
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
 * Residences have no updated_at: a checksum of each row's figures, position, community and name
 * (its length and first character: a rename that keeps both goes unnoticed) in the same scan. Each
 * row's terms are mixed with its id, so moving figures between residences changes the sum too.
 */
const residenceChecksum = sql`((${residence.id} % 1000003) * 2654435761 + ${residence.households} * 40503 + ${residence.residents} * 7 + ${residence.elderly60plus} * 131 + ${residence.children0to3} * 17 + cast(${residence.lng} * 1e6 as integer) * 3 + cast(${residence.lat} * 1e6 as integer) * 5 + cast(${residence.communityCode} as integer) % 1000003 + length(${residence.name}) * 1009 + unicode(${residence.name}) * 13) * (${residence.id} % 997 + 1) % 4294967291`;

/**
 * A cheap fingerprint of what the engine and the public map layers depend on. Any write to
 * service points (they bump updated_at), residences, categories or the network changes it, and
 * the engine is rebuilt (and cached answers get new ETags).
 */
export function sourceVersion(db: Db): string {
	const row = db.get<{
		points: string;
		residences: string;
		network: string;
		categories: string;
	}>(sql`
		select
			(select count(*) || ':' || coalesce(max(${servicePoint.updatedAt}), 0) || ':' || coalesce(sum(${servicePoint.active}), 0) || ':' || coalesce(max(${servicePoint.id}), 0) from ${servicePoint}) as points,
			(select count(*) || ':' || coalesce(max(${residence.id}), 0) || ':' || coalesce(sum(${residenceChecksum}), 0) from ${residence}) as residences,
			(select count(*) || ':' || coalesce(max(${roadEdge.id}), 0) from ${roadEdge}) as network,
			(select group_concat(${serviceCategory.code} || '=' || ${serviceCategory.tierMinutes}) from ${serviceCategory}) as categories`);
	return `${row?.points}|${row?.residences}|${row?.network}|${row?.categories}`;
}
