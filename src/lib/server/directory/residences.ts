import { and, asc, between, count, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { nextTurn } from '../event-loop';
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

type ListFilter = { community?: string; bbox?: Bbox };

function listed(db: Db, filter: ListFilter, afterId = 0) {
	const box = filter.bbox;
	return db
		.select(listColumns)
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(
			and(
				afterId > 0 ? gt(residence.id, afterId) : undefined,
				filter.community ? eq(residence.communityCode, filter.community) : undefined,
				box
					? and(between(residence.lng, box[0], box[2]), between(residence.lat, box[1], box[3]))
					: undefined
			)
		)
		.orderBy(asc(residence.id));
}

function item({ lng, lat, ...row }: Awaited<ReturnType<typeof listed>>[number]): ResidenceListItem {
	return { ...row, point: [lng, lat] };
}

export async function list(db: Db, filter: ListFilter = {}): Promise<ResidenceListItem[]> {
	return (await listed(db, filter)).map(item);
}

/**
 * The same residences as `list`, by id, `pageRows` at a time with the event loop free between the
 * pages: a big city's whole list (660,000 homes) is seconds of reading in one query. The pages are
 * separate reads: an import committed meanwhile shows in the later pages only (the answer cache
 * checks the data version after a build for that).
 */
export async function* listInPages(
	db: Db,
	filter: ListFilter = {},
	pageRows = 5000
): AsyncGenerator<ResidenceListItem[]> {
	let afterId = 0;
	for (;;) {
		const rows = await listed(db, filter, afterId).limit(pageRows);
		if (rows.length > 0) yield rows.map(item);
		if (rows.length < pageRows) return;
		afterId = rows[rows.length - 1].id;
		await nextTurn();
	}
}

/** The names of the residences with these ids (a page of a list, one map tile), by id. */
export async function namesOf(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
	const names = new Map<number, string>();
	// SQLite binds at most 32,766 variables in one statement (PostgreSQL 65,535)
	for (let i = 0; i < ids.length; i += 10_000) {
		const rows = await db
			.select({ id: residence.id, name: residence.name })
			.from(residence)
			.where(inArray(residence.id, ids.slice(i, i + 10_000)));
		for (const row of rows) names.set(row.id, row.name);
	}
	return names;
}

function matching(query: string) {
	const pattern = `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
	// lower() on both sides: like is case-insensitive on SQLite and not on PostgreSQL
	return or(
		sql`lower(${residence.name}) like lower(${pattern}) escape '\\'`,
		sql`lower(${community.name}) like lower(${pattern}) escape '\\'`
	);
}

/** Residences whose name or community name contains the query (case-insensitive), for "my home". */
export async function search(db: Db, query: string, limit = 20): Promise<ResidenceListItem[]> {
	const text = query.trim().slice(0, 40);
	if (text === '') return [];
	const rows = await db
		.select(listColumns)
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(matching(text))
		.orderBy(asc(residence.name))
		.limit(limit);
	return rows.map(({ lng, lat, ...row }) => ({ ...row, point: [lng, lat] as [number, number] }));
}

export async function byId(db: Db, id: number): Promise<ResidenceListItem | null> {
	const [row] = await db
		.select(listColumns)
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(eq(residence.id, id))
		.limit(1);
	return row ? { ...row, point: [row.lng, row.lat] } : null;
}

/**
 * The first `limit` residences (by id) in these communities (all when null)
 * whose name or community name contains `query` (all when empty), and how many match in all: a
 * picker that stays small in a city of 600,000 homes.
 */
export async function choices(
	db: Db,
	filter: { query: string; communities: string[] | null },
	limit: number
): Promise<{ total: number; rows: { id: number; name: string; communityName: string }[] }> {
	const text = filter.query.trim().slice(0, 40);
	const where = and(
		text === '' ? undefined : matching(text),
		filter.communities ? inArray(residence.communityCode, filter.communities) : undefined
	);
	const [{ n }] = await db
		.select({ n: count() })
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(where);
	const rows = await db
		.select({ id: residence.id, name: residence.name, communityName: community.name })
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(where)
		// in id order: SQLite stops after `limit` rows instead of sorting 600,000 first (the picker
		// groups them by community)
		.orderBy(asc(residence.id))
		.limit(limit);
	return { total: n, rows };
}
