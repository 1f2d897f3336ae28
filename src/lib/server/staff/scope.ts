import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { community, servicePoint } from '../db/schema';
import { communitiesServed } from '../auth/scopes';
import type { SessionUser } from '../auth/session';

export interface ScopeCommunity {
	code: string;
	name: string;
}

/** The communities a staff member works for (an administrator: every community). */
export async function communitiesOf(
	db: Db,
	user: Pick<SessionUser, 'id' | 'role'>
): Promise<ScopeCommunity[]> {
	const codes = user.role === 'admin' ? null : await communitiesServed(db, user.id);
	if (codes && codes.length === 0) return [];
	return db
		.select({ code: community.code, name: community.name })
		.from(community)
		.where(codes ? inArray(community.code, codes) : undefined)
		.orderBy(asc(community.code));
}

export interface ScopePoint {
	id: number;
	name: string;
	communityCode: string;
	categoryCode: string;
	active: boolean;
}

/** Service points of some communities, active and inactive (staff manage both). */
export async function pointsOf(db: Db, communityCodes: string[]): Promise<ScopePoint[]> {
	if (communityCodes.length === 0) return [];
	return db
		.select({
			id: servicePoint.id,
			name: servicePoint.name,
			communityCode: servicePoint.communityCode,
			categoryCode: servicePoint.categoryCode,
			active: servicePoint.active
		})
		.from(servicePoint)
		.where(inArray(servicePoint.communityCode, communityCodes))
		.orderBy(asc(servicePoint.communityCode), asc(servicePoint.id));
}

/** The community of a service point (for the scope check), or null when there is no such point. */
export async function communityOfPoint(db: Db, servicePointId: number): Promise<string | null> {
	const [point] = await db
		.select({ code: servicePoint.communityCode })
		.from(servicePoint)
		.where(eq(servicePoint.id, servicePointId))
		.limit(1);
	return point?.code ?? null;
}
