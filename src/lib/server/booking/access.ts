import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../db';
import { loadSlot, type SlotContext } from './slot-context';
import { prepared } from '../db/prepared';
import { eldersOf, isCarerOf } from '../accounts/family';

/** The elders a carer may act for, from the family module (one definition of a family link). */
export const linkedElders = (db: Db, carerUserId: number) => eldersOf(db, carerUserId);
import { community, staffScope, user } from '../db/schema';

/** Who may act for whom in booking: the person, a confirmed family carer, staff of the community, admins. */
export interface Actor {
	id: number;
	role: 'resident' | 'staff' | 'admin';
	name: string;
}

export function actor(db: Db, userId: number): Actor | null {
	return (
		prepared(db, 'actor', ($) =>
			db
				.select({ id: user.id, role: user.role, name: user.name })
				.from(user)
				.where(and(eq(user.id, $.userId), isNull(user.deletedAt)))
		).get({ userId }) ?? null
	);
}

/** Staff act in the communities of their scope (a street scope covers its communities); admins everywhere. */
export function staffCovers(db: Db, who: Actor, communityCode: string): boolean {
	if (who.role === 'admin') return true;
	if (who.role !== 'staff') return false;
	const row = prepared(db, 'staffCovers', ($) =>
		db
			.select({ id: staffScope.id })
			.from(staffScope)
			.innerJoin(community, eq(community.code, $.communityCode))
			.where(
				and(
					eq(staffScope.userId, $.userId),
					or(
						eq(staffScope.communityCode, $.communityCode),
						eq(staffScope.streetCode, community.streetCode)
					)
				)
			)
	).get({ userId: who.id, communityCode });
	return row !== undefined;
}

/**
 * The person themself or a carer linked to them now (confirmed, not ended) — the people who may book,
 * see, cancel, rate and wait for a place as the resident. The one check every booking route uses.
 */
export function actsForPerson(db: Db, byUserId: number, forUserId: number): boolean {
	return byUserId === forUserId || isCarerOf(db, byUserId, forUserId);
}

/**
 * A slot a staff member acts on: not found, outside their communities, or the slot with its rules
 * (read inside the caller's transaction).
 */
export function slotForStaff(
	tx: Db,
	slotId: number,
	byUserId: number
): { status: 'not_found' } | { status: 'forbidden' } | { status: 'ok'; slot: SlotContext } {
	const slot = loadSlot(tx, slotId);
	if (!slot) return { status: 'not_found' };
	const by = actor(tx, byUserId);
	if (!by || !staffCovers(tx, by, slot.point.communityCode)) return { status: 'forbidden' };
	return { status: 'ok', slot };
}
