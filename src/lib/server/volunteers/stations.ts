import { and, asc, eq } from 'drizzle-orm';
import { record } from '../audit';
import { transaction, type Db } from '../db';
import { community, servicePoint, volunteerStation } from '../db/schema';
import type { VolunteerItem } from '../db/schema/volunteers';
import type { StationInput } from './schemas';

export interface Station {
	id: number;
	communityCode: string;
	communityName: string;
	name: string;
	servicePointId: number | null;
	place: string;
	lng: number;
	lat: number;
	openingText: string;
	contact: string;
	items: VolunteerItem[];
	active: boolean;
}

export type StationResult =
	{ status: 'ok'; id: number } | { status: 'no_point' } | { status: 'not_found' };

const columns = {
	id: volunteerStation.id,
	communityCode: volunteerStation.communityCode,
	communityName: community.name,
	name: volunteerStation.name,
	servicePointId: volunteerStation.servicePointId,
	place: volunteerStation.place,
	lng: volunteerStation.lng,
	lat: volunteerStation.lat,
	openingText: volunteerStation.openingText,
	contact: volunteerStation.contact,
	items: volunteerStation.items,
	active: volunteerStation.active
};

/** Where the station is: its host service point (which must be in the community), or the place given. */
async function locate(
	db: Db,
	communityCode: string,
	input: StationInput
): Promise<{ lng: number; lat: number; servicePointId: number | null } | null> {
	if (input.servicePointId === undefined)
		return { lng: input.lng!, lat: input.lat!, servicePointId: null };
	const [point] = await db
		.select({ lng: servicePoint.lng, lat: servicePoint.lat })
		.from(servicePoint)
		.where(
			and(eq(servicePoint.id, input.servicePointId), eq(servicePoint.communityCode, communityCode))
		)
		.limit(1);
	return point ? { ...point, servicePointId: input.servicePointId } : null;
}

/** Staff open a station in a community they serve (the route checks the scope). */
export async function createStation(
	db: Db,
	input: StationInput & { communityCode: string; staffUserId: number; now?: number }
): Promise<StationResult> {
	const where = await locate(db, input.communityCode, input);
	if (!where) return { status: 'no_point' };
	const now = input.now ?? Date.now();
	const id = await transaction(db, async (tx) => {
		const [row] = await tx
			.insert(volunteerStation)
			.values({
				communityCode: input.communityCode,
				name: input.name,
				place: input.place,
				...where,
				openingText: input.openingText,
				contact: input.contact,
				items: input.items,
				createdByUserId: input.staffUserId,
				createdAt: new Date(now)
			})
			.returning({ id: volunteerStation.id });
		await record(tx, {
			actorUserId: input.staffUserId,
			action: 'volunteer_station_created',
			entity: 'volunteer_station',
			entityId: row.id,
			detail: { communityCode: input.communityCode },
			now
		});
		return row.id;
	});
	return { status: 'ok', id };
}

/** Staff change a station's details, or close it (active: false) and open it again. */
export async function updateStation(
	db: Db,
	input: StationInput & { stationId: number; active: boolean; staffUserId: number; now?: number }
): Promise<StationResult> {
	const station = await getStation(db, input.stationId);
	if (!station) return { status: 'not_found' };
	const where = await locate(db, station.communityCode, input);
	if (!where) return { status: 'no_point' };
	const now = input.now ?? Date.now();
	await transaction(db, async (tx) => {
		await tx
			.update(volunteerStation)
			.set({
				name: input.name,
				place: input.place,
				...where,
				openingText: input.openingText,
				contact: input.contact,
				items: input.items,
				active: input.active,
				updatedAt: new Date(now)
			})
			.where(eq(volunteerStation.id, input.stationId));
		await record(tx, {
			actorUserId: input.staffUserId,
			action: 'volunteer_station_updated',
			entity: 'volunteer_station',
			entityId: input.stationId,
			detail: { active: input.active },
			now
		});
	});
	return { status: 'ok', id: input.stationId };
}

/** Staff close a station (no new registrations, not on the map) or open it again. */
export async function setStationActive(
	db: Db,
	input: { stationId: number; active: boolean; staffUserId: number; now?: number }
): Promise<StationResult> {
	const now = input.now ?? Date.now();
	return transaction(db, async (tx): Promise<StationResult> => {
		const changed = await tx
			.update(volunteerStation)
			.set({ active: input.active, updatedAt: new Date(now) })
			.where(eq(volunteerStation.id, input.stationId))
			.returning({ id: volunteerStation.id });
		if (changed.length === 0) return { status: 'not_found' };
		await record(tx, {
			actorUserId: input.staffUserId,
			action: input.active ? 'volunteer_station_opened' : 'volunteer_station_closed',
			entity: 'volunteer_station',
			entityId: input.stationId,
			now
		});
		return { status: 'ok', id: input.stationId };
	});
}

export async function getStation(db: Db, id: number): Promise<Station | undefined> {
	const [row] = await db
		.select(columns)
		.from(volunteerStation)
		.innerJoin(community, eq(community.code, volunteerStation.communityCode))
		.where(eq(volunteerStation.id, id))
		.limit(1);
	return row;
}

/** A community's stations (closed ones too when `all`, for its staff). */
export async function stationsOf(db: Db, communityCode: string, all = false): Promise<Station[]> {
	return await db
		.select(columns)
		.from(volunteerStation)
		.innerJoin(community, eq(community.code, volunteerStation.communityCode))
		.where(
			and(
				eq(volunteerStation.communityCode, communityCode),
				all ? undefined : eq(volunteerStation.active, true)
			)
		)
		.orderBy(asc(volunteerStation.name), asc(volunteerStation.id));
}

/** Every open station: the map layer and the registration form's choice. */
export async function openStations(db: Db): Promise<Station[]> {
	return await db
		.select(columns)
		.from(volunteerStation)
		.innerJoin(community, eq(community.code, volunteerStation.communityCode))
		.where(eq(volunteerStation.active, true))
		.orderBy(asc(volunteerStation.communityCode), asc(volunteerStation.name));
}
