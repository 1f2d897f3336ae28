import { and, eq, isNull, or } from 'drizzle-orm';
import { isCarerOf } from '../accounts/family';
import { servesCommunity } from '../auth/scopes';
import type { Db } from '../db';
import { community, residence, staffScope, user } from '../db/schema';

/** The elder a request is for: their community and where they live (their home, else the centre). */
export interface Elder {
	id: number;
	name: string;
	phone: string;
	communityCode: string | null;
	residenceId: number | null;
	lng: number | null;
	lat: number | null;
}

export async function elderOf(db: Db, userId: number): Promise<Elder | undefined> {
	const [row] = await db
		.select({
			id: user.id,
			name: user.name,
			phone: user.phone,
			communityCode: user.communityCode,
			residenceId: residence.id,
			homeLng: residence.lng,
			homeLat: residence.lat,
			centreLng: community.centreLng,
			centreLat: community.centreLat
		})
		.from(user)
		.leftJoin(residence, eq(residence.id, user.homeResidenceId))
		.leftJoin(community, eq(community.code, user.communityCode))
		.where(and(eq(user.id, userId), isNull(user.deletedAt)))
		.limit(1);
	if (!row) return undefined;
	return {
		id: row.id,
		name: row.name,
		phone: row.phone,
		communityCode: row.communityCode,
		residenceId: row.residenceId,
		lng: row.homeLng ?? row.centreLng,
		lat: row.homeLat ?? row.centreLat
	};
}

/**
 * An elder named by phone by staff asking on their behalf (at the desk or on the phone): only a
 * resident of a community the staff member serves (any, for an administrator).
 */
export async function elderByPhoneInScope(
	db: Db,
	actor: Actor,
	phone: string
): Promise<number | undefined> {
	const [row] = await db
		.select({ id: user.id, communityCode: user.communityCode })
		.from(user)
		.where(and(eq(user.phone, phone), isNull(user.deletedAt)))
		.limit(1);
	if (!row?.communityCode) return undefined;
	if (actor.role === 'admin') return row.id;
	if (actor.role !== 'staff') return undefined;
	return (await servesCommunity(db, actor.id, row.communityCode)) ? row.id : undefined;
}

export interface Actor {
	id: number;
	role: 'resident' | 'staff' | 'admin';
}

/**
 * How a person stands to a request's elder: the elder themself, a carer with a confirmed link, staff
 * serving the elder's community (or an administrator), or nobody.
 */
export async function standing(
	db: Db,
	actor: Actor,
	elder: { id: number | null; communityCode: string }
): Promise<'self' | 'carer' | 'staff' | null> {
	if (elder.id !== null && actor.id === elder.id) return 'self';
	if (actor.role === 'admin') return 'staff';
	if (actor.role === 'staff' && (await servesCommunity(db, actor.id, elder.communityCode)))
		return 'staff';
	if (elder.id !== null && (await isCarerOf(db, actor.id, elder.id))) return 'carer';
	return null;
}

/** The staff who serve a community (directly or through its street): they get escalated requests. */
export async function staffOf(db: Db, communityCode: string): Promise<number[]> {
	const [place] = await db
		.select({ streetCode: community.streetCode })
		.from(community)
		.where(eq(community.code, communityCode))
		.limit(1);
	if (!place) return [];
	const rows = await db
		.select({ id: user.id })
		.from(staffScope)
		.innerJoin(user, eq(user.id, staffScope.userId))
		.where(
			and(
				or(
					eq(staffScope.communityCode, communityCode),
					eq(staffScope.streetCode, place.streetCode)
				),
				isNull(user.deletedAt)
			)
		);
	return [...new Set(rows.map((r) => r.id))];
}
