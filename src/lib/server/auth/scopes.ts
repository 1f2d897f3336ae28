// Staff scopes: which communities (directly or through their street) a staff member serves; what
// the access guards check.
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db';
import { community, staffScope, street } from '../db/schema';

export interface Scope {
	communityCode: string | null;
	streetCode: string | null;
	name: string;
}

/** The communities and streets a staff member serves, with their names. */
export async function scopesOf(db: Db, userId: number): Promise<Scope[]> {
	const rows = await db
		.select({
			communityCode: staffScope.communityCode,
			streetCode: staffScope.streetCode,
			communityName: community.name,
			streetName: street.name
		})
		.from(staffScope)
		.leftJoin(community, eq(community.code, staffScope.communityCode))
		.leftJoin(street, eq(street.code, staffScope.streetCode))
		.where(eq(staffScope.userId, userId));
	return rows.map((row) => ({
		communityCode: row.communityCode,
		streetCode: row.streetCode,
		name: row.communityName ?? row.streetName ?? ''
	}));
}

/** Whether a staff member's scope covers a community: directly, or through its whole street. */
export async function servesCommunity(
	db: Db,
	userId: number,
	communityCode: string
): Promise<boolean> {
	const [target] = await db
		.select({ streetCode: community.streetCode })
		.from(community)
		.where(eq(community.code, communityCode))
		.limit(1);
	if (!target) return false;
	const [match] = await db
		.select({ id: staffScope.id })
		.from(staffScope)
		.where(
			and(
				eq(staffScope.userId, userId),
				or(
					eq(staffScope.communityCode, communityCode),
					eq(staffScope.streetCode, target.streetCode)
				)
			)
		)
		.limit(1);
	return Boolean(match);
}

/** Every community code a staff member serves (street scopes expanded). */
export async function communitiesServed(db: Db, userId: number): Promise<string[]> {
	const scopes = await scopesOf(db, userId);
	const direct = scopes.flatMap((s) => (s.communityCode ? [s.communityCode] : []));
	const streets = scopes.flatMap((s) => (s.streetCode ? [s.streetCode] : []));
	const viaStreet =
		streets.length === 0
			? []
			: (
					await db
						.select({ code: community.code })
						.from(community)
						.where(inArray(community.streetCode, streets))
				).map((row) => row.code);
	return [...new Set([...direct, ...viaStreet])].sort();
}
