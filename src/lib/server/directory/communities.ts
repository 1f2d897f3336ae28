import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { community, servicePoint, street } from '../db/schema';

export type Street = typeof street.$inferSelect;

export interface CommunitySummary {
	code: string;
	name: string;
	kind: '社区' | '村';
	streetCode: string;
	streetName: string;
	centre: [number, number];
	servicePointCount: number;
}

export async function listStreets(db: Db): Promise<Street[]> {
	return db.select().from(street).orderBy(asc(street.code));
}

export async function list(db: Db): Promise<CommunitySummary[]> {
	const counts = new Map(
		(
			await db
				.select({ code: servicePoint.communityCode, n: count() })
				.from(servicePoint)
				.where(eq(servicePoint.active, true))
				.groupBy(servicePoint.communityCode)
		).map((row) => [row.code, row.n])
	);
	const rows = await db
		.select({
			code: community.code,
			name: community.name,
			kind: community.kind,
			streetCode: community.streetCode,
			streetName: street.name,
			lng: community.centreLng,
			lat: community.centreLat
		})
		.from(community)
		.innerJoin(street, eq(street.code, community.streetCode))
		.orderBy(asc(community.code));
	return rows.map(({ lng, lat, ...row }) => ({
		...row,
		centre: [lng, lat] as [number, number],
		servicePointCount: counts.get(row.code) ?? 0
	}));
}

export async function get(db: Db, code: string) {
	const [row] = await db
		.select({ community, streetName: street.name })
		.from(community)
		.innerJoin(street, eq(street.code, community.streetCode))
		.where(eq(community.code, code))
		.limit(1);
	if (!row) return null;
	const { centreLng, centreLat, polygon: _polygon, ...rest } = row.community;
	return {
		...rest,
		streetName: row.streetName,
		centre: [centreLng, centreLat] as [number, number]
	};
}

export function isCommunityCode(value: string): boolean {
	return /^\d{12}$/.test(value);
}
