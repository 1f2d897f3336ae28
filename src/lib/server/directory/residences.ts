import { asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { community, residence } from '../db/schema';

export interface ResidenceListItem {
	id: number;
	name: string;
	communityCode: string;
	communityName: string;
	point: [number, number];
	households: number;
	residents: number;
	elderly60plus: number;
	children0to3: number;
}

const listColumns = {
	id: residence.id,
	name: residence.name,
	communityCode: residence.communityCode,
	communityName: community.name,
	lng: residence.lng,
	lat: residence.lat,
	households: residence.households,
	residents: residence.residents,
	elderly60plus: residence.elderly60plus,
	children0to3: residence.children0to3
};

export function list(db: Db, filter: { community?: string } = {}): ResidenceListItem[] {
	return db
		.select(listColumns)
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(filter.community ? eq(residence.communityCode, filter.community) : undefined)
		.orderBy(asc(residence.id))
		.all()
		.map(({ lng, lat, ...row }) => ({ ...row, point: [lng, lat] as [number, number] }));
}

/** Residences whose name or community name contains the query (case-insensitive), for "my home". */
export function search(db: Db, query: string, limit = 20): ResidenceListItem[] {
	const text = query.trim().slice(0, 40);
	if (text === '') return [];
	const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
	return db
		.select(listColumns)
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(
			or(
				sql`${residence.name} like ${pattern} escape '\\'`,
				sql`${community.name} like ${pattern} escape '\\'`
			)
		)
		.orderBy(asc(residence.name))
		.limit(limit)
		.all()
		.map(({ lng, lat, ...row }) => ({ ...row, point: [lng, lat] as [number, number] }));
}
