import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { community, serviceCategory, servicePoint } from '../db/schema';

export interface ServicePointFilter {
	category?: string;
	/** any of these categories */
	categories?: string[];
	ids?: number[];
	limit?: number;
	community?: string;
	includeInactive?: boolean;
}

export interface ServicePointListItem {
	id: number;
	name: string;
	categoryCode: string;
	communityCode: string;
	communityName: string;
	point: [number, number];
	address: string;
	phone: string;
	openingText: string;
	accessibleEntrance: boolean;
}

export async function list(
	db: Db,
	filter: ServicePointFilter = {}
): Promise<ServicePointListItem[]> {
	const query = db
		.select({
			id: servicePoint.id,
			name: servicePoint.name,
			categoryCode: servicePoint.categoryCode,
			communityCode: servicePoint.communityCode,
			communityName: community.name,
			lng: servicePoint.lng,
			lat: servicePoint.lat,
			address: servicePoint.address,
			phone: servicePoint.phone,
			openingText: servicePoint.openingText,
			accessibleEntrance: servicePoint.accessibleEntrance
		})
		.from(servicePoint)
		.innerJoin(community, eq(community.code, servicePoint.communityCode))
		.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
		.where(
			and(
				filter.includeInactive ? undefined : eq(servicePoint.active, true),
				filter.category ? eq(servicePoint.categoryCode, filter.category) : undefined,
				filter.categories ? inArray(servicePoint.categoryCode, filter.categories) : undefined,
				filter.ids ? inArray(servicePoint.id, filter.ids) : undefined,
				filter.community ? eq(servicePoint.communityCode, filter.community) : undefined
			)
		)
		.orderBy(asc(serviceCategory.sortOrder), asc(servicePoint.communityCode), asc(servicePoint.id))
		.$dynamic();
	const rows = await (filter.limit ? query.limit(filter.limit) : query);
	return rows.map(({ lng, lat, ...row }) => ({ ...row, point: [lng, lat] as [number, number] }));
}

/** How many active service points match (for a list that shows only the first few). */
export async function countMatching(
	db: Db,
	filter: { community?: string; categories?: string[] }
): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(servicePoint)
		.where(
			and(
				eq(servicePoint.active, true),
				filter.categories ? inArray(servicePoint.categoryCode, filter.categories) : undefined,
				filter.community ? eq(servicePoint.communityCode, filter.community) : undefined
			)
		);
	return row?.n ?? 0;
}

/** Active service points per category code (the home page's counts, without loading every point). */
export async function countByCategory(db: Db): Promise<Map<string, number>> {
	const rows = await db
		.select({ code: servicePoint.categoryCode, n: count() })
		.from(servicePoint)
		.where(eq(servicePoint.active, true))
		.groupBy(servicePoint.categoryCode);
	return new Map(rows.map((row) => [row.code, row.n]));
}

export async function get(db: Db, id: number) {
	const [row] = await db
		.select({ servicePoint, communityName: community.name, category: serviceCategory })
		.from(servicePoint)
		.innerJoin(community, eq(community.code, servicePoint.communityCode))
		.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
		.where(eq(servicePoint.id, id))
		.limit(1);
	if (!row) return null;
	const { lng, lat, ...rest } = row.servicePoint;
	return {
		...rest,
		point: [lng, lat] as [number, number],
		communityName: row.communityName,
		category: row.category
	};
}

export async function listByIds(db: Db, ids: number[]): Promise<ServicePointListItem[]> {
	if (ids.length === 0) return [];
	return list(db, { includeInactive: true, ids });
}

/** Which of these service points take bookings (their category is bookable). */
export async function bookableIds(db: Db, ids: number[]): Promise<number[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.select({ id: servicePoint.id })
		.from(servicePoint)
		.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
		.where(and(inArray(servicePoint.id, ids), eq(serviceCategory.bookable, true)));
	return rows.map((row) => row.id);
}
