import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../db';
import { loadSlot, type SlotContext } from './slot-context';
import { prepared } from '../db/prepared';
import { eldersOf, isCarerOf } from '../accounts/family';
import { community, staffScope, user } from '../db/schema';

/** The elders a carer may act for, from the family module (one definition of a family link). */
export const linkedElders = async (db: Db, carerUserId: number) => await eldersOf(db, carerUserId);

/** Who may act for whom in booking: the person, a confirmed family carer, staff of the community, admins. */
export interface Actor {
	id: number;
	role: 'resident' | 'staff' | 'admin';
	name: string;
}

export async function actor(db: Db, userId: number): Promise<Actor | null> {
	const [row] = await prepared(db, 'actor', ($) =>
		db
			.select({ id: user.id, role: user.role, name: user.name })
			.from(user)
			.where(and(eq(user.id, $.userId), isNull(user.deletedAt)))
	).execute({ userId });
	return row ?? null;
}

/** Staff act in the communities of their scope (a street scope covers its communities); admins everywhere. */
export async function staffCovers(db: Db, who: Actor, communityCode: string): Promise<boolean> {
	if (who.role === 'admin') return true;
	if (who.role !== 'staff') return false;
	const [row] = await prepared(db, 'staffCovers', ($) =>
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
			.limit(1)
	).execute({ userId: who.id, communityCode });
	return row !== undefined;
}

/**
 * The person themself or a carer linked to them now (confirmed, not ended) — the people who may book,
 * see, cancel, rate and wait for a place as the resident. The one check every booking route uses.
 */
export async function actsForPerson(db: Db, byUserId: number, forUserId: number): Promise<boolean> {
	return byUserId === forUserId || (await isCarerOf(db, byUserId, forUserId));
}

/**
 * A slot a staff member acts on: not found, outside their communities, or the slot with its rules
 * (read inside the caller's transaction).
 */
export async function slotForStaff(
	tx: Db,
	slotId: number,
	byUserId: number
): Promise<
	{ status: 'not_found' } | { status: 'forbidden' } | { status: 'ok'; slot: SlotContext }
> {
	const slot = await loadSlot(tx, slotId);
	if (!slot) return { status: 'not_found' };
	const by = await actor(tx, byUserId);
	if (!by || !(await staffCovers(tx, by, slot.point.communityCode))) return { status: 'forbidden' };
	return { status: 'ok', slot };
}
