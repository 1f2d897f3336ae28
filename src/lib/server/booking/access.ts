import { and, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { prepared } from './prepared';
import type { Db } from '../db';
import { community, familyLink, staffScope, user } from '../db/schema';

/** Who may act for whom in booking: the person, a confirmed family carer, staff of the community, admins. */
export interface Actor {
	id: number;
	role: 'resident' | 'staff' | 'admin';
	name: string;
}

export function actor(db: Db, userId: number): Actor | null {
	return (
		prepared(db, 'actor', () =>
			db
				.select({ id: user.id, role: user.role, name: user.name })
				.from(user)
				.where(and(eq(user.id, sql.placeholder('userId')), isNull(user.deletedAt)))
				.prepare()
		).get({ userId }) ?? null
	);
}

/** A carer acts for an elder only through a confirmed, not ended family link. */
export function isCarerOf(db: Db, carerUserId: number, elderUserId: number): boolean {
	const row = db
		.select({ id: familyLink.id })
		.from(familyLink)
		.where(
			and(
				eq(familyLink.carerUserId, carerUserId),
				eq(familyLink.elderUserId, elderUserId),
				isNotNull(familyLink.confirmedAt),
				isNull(familyLink.endedAt)
			)
		)
		.get();
	return row !== undefined;
}

export function linkedElders(db: Db, carerUserId: number): { id: number; name: string }[] {
	return db
		.select({ id: user.id, name: user.name })
		.from(familyLink)
		.innerJoin(user, eq(user.id, familyLink.elderUserId))
		.where(
			and(
				eq(familyLink.carerUserId, carerUserId),
				isNotNull(familyLink.confirmedAt),
				isNull(familyLink.endedAt),
				isNull(user.deletedAt)
			)
		)
		.orderBy(user.id)
		.all();
}

/** Staff act in the communities of their scope (a street scope covers its communities); admins everywhere. */
export function staffCovers(db: Db, who: Actor, communityCode: string): boolean {
	if (who.role === 'admin') return true;
	if (who.role !== 'staff') return false;
	const row = db
		.select({ id: staffScope.id })
		.from(staffScope)
		.innerJoin(community, eq(community.code, communityCode))
		.where(
			and(
				eq(staffScope.userId, who.id),
				or(
					eq(staffScope.communityCode, communityCode),
					eq(staffScope.streetCode, community.streetCode)
				)
			)
		)
		.get();
	return row !== undefined;
}

/** The person themself or their carer — the people who may book, see and cancel as a resident. */
export function actsForPerson(db: Db, byUserId: number, forUserId: number): boolean {
	return byUserId === forUserId || isCarerOf(db, byUserId, forUserId);
}
