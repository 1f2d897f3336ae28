import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { community, residence } from '../db/schema';
import type { LngLat } from '$lib/geo';

/** Where "my home" is: a residence from the list, or a point clicked on the map. */
export type Home =
	| {
			kind: 'residence';
			key: string;
			residenceId: number;
			name: string;
			communityCode: string;
			communityName: string;
			point: LngLat;
	  }
	| { kind: 'point'; key: string; point: LngLat };

const residenceKey = /^r:([1-9]\d{0,9})$/;
const pointKey = /^p:(-?\d{1,3}\.\d{1,7}),(-?\d{1,2}\.\d{1,7})$/;

/** Parses a home key ('r:123' or 'p:98.1234567,39.1234567'); null when malformed or unknown. */
export async function resolveHome(db: Db, key: string | null | undefined): Promise<Home | null> {
	if (!key) return null;
	const asResidence = residenceKey.exec(key);
	if (asResidence) return residenceHome(db, Number(asResidence[1]));
	const asPoint = pointKey.exec(key);
	if (!asPoint) return null;
	const point: LngLat = [Number(asPoint[1]), Number(asPoint[2])];
	if (Math.abs(point[0]) > 180 || Math.abs(point[1]) > 90) return null;
	return { kind: 'point', key, point };
}

export async function residenceHome(db: Db, residenceId: number): Promise<Home | null> {
	const [row] = await db
		.select({
			id: residence.id,
			name: residence.name,
			communityCode: residence.communityCode,
			communityName: community.name,
			lng: residence.lng,
			lat: residence.lat
		})
		.from(residence)
		.innerJoin(community, eq(community.code, residence.communityCode))
		.where(eq(residence.id, residenceId))
		.limit(1);
	if (!row) return null;
	return {
		kind: 'residence',
		key: `r:${row.id}`,
		residenceId: row.id,
		name: row.name,
		communityCode: row.communityCode,
		communityName: row.communityName,
		point: [row.lng, row.lat]
	};
}

export function pointHomeKey([lng, lat]: LngLat): string {
	return `p:${lng.toFixed(6)},${lat.toFixed(6)}`;
}
