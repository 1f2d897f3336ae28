import { and, eq, isNull, sql } from 'drizzle-orm';
import { hit } from '../auth/rate-limit';
import { transaction, type Db } from '../db';
import { need, needSupport, user } from '../db/schema';
import { supportLimit } from './limits';

export type SupportResult =
	| { status: 'ok'; added: boolean; supporters: number }
	| { status: 'not_found' }
	| { status: 'forbidden' }
	| { status: 'closed' }
	| { status: 'rate_limited'; retryAfterS: number };

/**
 * "我也需要": a resident of the need's community adds themself once. A repeat, or the person's own
 * need, changes nothing (added: false). The support row and the count move in one transaction, and
 * the unique (need, person) index makes parallel taps count once.
 */
export async function support(
	db: Db,
	input: { needId: number; userId: number; now?: number }
): Promise<SupportResult> {
	const now = input.now ?? Date.now();
	const [row] = await db
		.select({
			communityCode: need.communityCode,
			userId: need.userId,
			public: need.public,
			status: need.status,
			supporters: need.supporters
		})
		.from(need)
		.where(eq(need.id, input.needId))
		.limit(1);
	// a private need is not shown to others: as if it did not exist
	if (!row || (!row.public && row.userId !== input.userId)) return { status: 'not_found' };
	const [person] = await db
		.select({ communityCode: user.communityCode })
		.from(user)
		.where(and(eq(user.id, input.userId), isNull(user.deletedAt)))
		.limit(1);
	if (person?.communityCode !== row.communityCode) return { status: 'forbidden' };
	if (row.status === 'declined' || row.status === 'merged' || row.status === 'done')
		return { status: 'closed' };
	if (row.userId === input.userId)
		return { status: 'ok', added: false, supporters: row.supporters };
	const allowed = await hit(db, supportLimit, `user:${input.userId}`, now);
	if (!allowed.allowed) return { status: 'rate_limited', retryAfterS: allowed.retryAfterS };
	return transaction(db, async (tx) => {
		const inserted = await tx
			.insert(needSupport)
			.values({ needId: input.needId, userId: input.userId, createdAt: new Date(now) })
			.onConflictDoNothing()
			.returning({ needId: needSupport.needId });
		const added = inserted.length > 0;
		const [counted] = added
			? await tx
					.update(need)
					.set({ supporters: sql`${need.supporters} + 1` })
					.where(eq(need.id, input.needId))
					.returning({ supporters: need.supporters })
			: await tx
					.select({ supporters: need.supporters })
					.from(need)
					.where(eq(need.id, input.needId))
					.limit(1);
		return { status: 'ok' as const, added, supporters: counted.supporters };
	});
}

/** Which of these needs the person has already supported (the list shows "已支持"). */
export async function supportedBy(db: Db, userId: number): Promise<Set<number>> {
	const rows = await db
		.select({ needId: needSupport.needId })
		.from(needSupport)
		.where(eq(needSupport.userId, userId));
	return new Set(rows.map((r) => r.needId));
}
