import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { community, serviceCategory, servicePoint, slot } from '../db/schema';

export interface ServicePointFilter {
	category?: string;
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

export function list(filter: ServicePointFilter = {}): ServicePointListItem[] {
	return getDb()
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
				filter.community ? eq(servicePoint.communityCode, filter.community) : undefined
			)
		)
		.orderBy(asc(serviceCategory.sortOrder), asc(servicePoint.communityCode), asc(servicePoint.id))
		.all()
		.map(({ lng, lat, ...row }) => ({ ...row, point: [lng, lat] as [number, number] }));
}

export function get(id: number) {
	const row = getDb()
		.select({ servicePoint, communityName: community.name, category: serviceCategory })
		.from(servicePoint)
		.innerJoin(community, eq(community.code, servicePoint.communityCode))
		.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
		.where(eq(servicePoint.id, id))
		.get();
	if (!row) return null;
	const { lng, lat, ...rest } = row.servicePoint;
	return {
		...rest,
		point: [lng, lat] as [number, number],
		communityName: row.communityName,
		category: row.category
	};
}

export interface FreeSlot {
	id: number;
	startsAt: number;
	endsAt: number;
	capacity: number;
	free: number;
}

/** The next slots with free places that can still be booked (after the minimum notice). */
export function nextFreeSlots(servicePointId: number, now: number, limit = 8): FreeSlot[] {
	const db = getDb();
	const point = db
		.select({ minNoticeMinutes: servicePoint.minNoticeMinutes })
		.from(servicePoint)
		.where(eq(servicePoint.id, servicePointId))
		.get();
	if (!point) return [];
	const effectiveCapacity = sql<number>`coalesce(${slot.capacityOverride}, ${slot.capacity})`;
	return db
		.select({
			id: slot.id,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			capacity: effectiveCapacity,
			bookedCount: slot.bookedCount
		})
		.from(slot)
		.where(
			and(
				eq(slot.servicePointId, servicePointId),
				gte(slot.startsAt, new Date(now + point.minNoticeMinutes * 60_000)),
				sql`${slot.cancelledAt} is null`,
				sql`${slot.bookedCount} < ${effectiveCapacity}`
			)
		)
		.orderBy(asc(slot.startsAt))
		.limit(limit)
		.all()
		.map((row) => ({
			id: row.id,
			startsAt: row.startsAt.getTime(),
			endsAt: row.endsAt.getTime(),
			capacity: row.capacity,
			free: row.capacity - row.bookedCount
		}));
}
