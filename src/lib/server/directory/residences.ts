import { and, asc, between, count, eq, inArray, or, sql } from 'drizzle-orm';
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

/** west, south, east, north in degrees (WGS84) */
export type Bbox = [number, number, number, number];

export function list(
	db: Db,
	filter: { community?: string; bbox?: Bbox } = {}
): ResidenceListItem[] {
	const box = filter.bbox;
	return db
		.select(listColumns)
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(
			and(
				filter.community ? eq(residence.communityCode, filter.community) : undefined,
				box
					? and(between(residence.lng, box[0], box[2]), between(residence.lat, box[1], box[3]))
					: undefined
			)
		)
		.orderBy(asc(residence.id))
		.all()
		.map(({ lng, lat, ...row }) => ({ ...row, point: [lng, lat] as [number, number] }));
}

/** The names of the residences with these ids (a page of a list, one map tile), by id. */
export function namesOf(db: Db, ids: readonly number[]): Map<number, string> {
	const names = new Map<number, string>();
	// SQLite binds at most 32,766 variables in one statement
	for (let i = 0; i < ids.length; i += 10_000) {
		for (const row of db
			.select({ id: residence.id, name: residence.name })
			.from(residence)
			.where(inArray(residence.id, ids.slice(i, i + 10_000)))
			.all())
			names.set(row.id, row.name);
	}
	return names;
}

function matching(query: string) {
	const pattern = `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
	return or(
		sql`${residence.name} like ${pattern} escape '\\'`,
		sql`${community.name} like ${pattern} escape '\\'`
	);
}

/** Residences whose name or community name contains the query (case-insensitive), for "my home". */
export function search(db: Db, query: string, limit = 20): ResidenceListItem[] {
	const text = query.trim().slice(0, 40);
	if (text === '') return [];
	return db
		.select(listColumns)
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(matching(text))
		.orderBy(asc(residence.name))
		.limit(limit)
		.all()
		.map(({ lng, lat, ...row }) => ({ ...row, point: [lng, lat] as [number, number] }));
}

export function byId(db: Db, id: number): ResidenceListItem | null {
	const [row] = db
		.select(listColumns)
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(eq(residence.id, id))
		.all();
	return row ? { ...row, point: [row.lng, row.lat] } : null;
}

/**
 * The first `limit` residences (by id) in these communities (all when null)
 * whose name or community name contains `query` (all when empty), and how many match in all: a
 * picker that stays small in a city of 600,000 homes.
 */
export function choices(
	db: Db,
	filter: { query: string; communities: string[] | null },
	limit: number
): { total: number; rows: { id: number; name: string; communityName: string }[] } {
	const text = filter.query.trim().slice(0, 40);
	const where = and(
		text === '' ? undefined : matching(text),
		filter.communities ? inArray(residence.communityCode, filter.communities) : undefined
	);
	const [{ n }] = db
		.select({ n: count() })
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(where)
		.all();
	const rows = db
		.select({ id: residence.id, name: residence.name, communityName: community.name })
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(where)
		// in id order: SQLite stops after `limit` rows instead of sorting 600,000 first (the picker
		// groups them by community)
		.orderBy(asc(residence.id))
		.limit(limit)
		.all();
	return { total: n, rows };
}
