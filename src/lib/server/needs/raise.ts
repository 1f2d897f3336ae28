import { and, eq, isNull } from 'drizzle-orm';
import { record } from '../audit';
import { hit } from '../auth/rate-limit';
import { transaction, type Db } from '../db';
import { community, need, serviceCategory, user } from '../db/schema';
import { raiseLimit } from './limits';
import { otherCategory, type NeedInput } from './schemas';
import type { NeedChannel } from './types';

export type RaiseResult =
	| { status: 'ok'; need: { id: number; status: 'open'; communityCode: string } }
	| { status: 'no_community' }
	| { status: 'no_category' }
	| { status: 'rate_limited'; retryAfterS: number };

/** The category code a need stores: a service category, or null for 其他. */
async function categoryOf(db: Db, code: string): Promise<string | null | undefined> {
	if (code === otherCategory) return null;
	const [row] = await db
		.select({ code: serviceCategory.code })
		.from(serviceCategory)
		.where(eq(serviceCategory.code, code))
		.limit(1);
	return row?.code;
}

/**
 * A resident raises a need in their own community (the standard form, the 长辈版 taps, the API).
 * Counted against the person's hourly limit before anything is written.
 */
export async function raise(
	db: Db,
	input: NeedInput & { userId: number; channel: 'online' | 'elder'; now?: number }
): Promise<RaiseResult> {
	const [person] = await db
		.select({ communityCode: user.communityCode })
		.from(user)
		.where(and(eq(user.id, input.userId), isNull(user.deletedAt)))
		.limit(1);
	if (!person?.communityCode) return { status: 'no_community' };
	return write(db, {
		...input,
		communityCode: person.communityCode,
		raisedByUserId: input.userId,
		limitSubject: `user:${input.userId}`
	});
}

/**
 * Staff type in a need for a resident at the desk or on the phone: for the account with that phone
 * (when it is one of the community's), or for nobody (a caller without an account). The route checks
 * that the staff member serves the community. Counted against the staff member's limit ×10.
 */
export async function raiseForResident(
	db: Db,
	input: NeedInput & {
		staffUserId: number;
		communityCode: string;
		phone?: string;
		channel: 'desk' | 'phone';
		now?: number;
	}
): Promise<RaiseResult | { status: 'no_person' }> {
	const [place] = await db
		.select({ code: community.code })
		.from(community)
		.where(eq(community.code, input.communityCode))
		.limit(1);
	if (!place) return { status: 'no_community' };
	let userId: number | null = null;
	if (input.phone) {
		const [person] = await db
			.select({ id: user.id })
			.from(user)
			.where(
				and(
					eq(user.phone, input.phone),
					eq(user.communityCode, input.communityCode),
					isNull(user.deletedAt)
				)
			)
			.limit(1);
		if (!person) return { status: 'no_person' };
		userId = person.id;
	}
	return write(db, {
		...input,
		userId,
		raisedByUserId: input.staffUserId,
		limitSubject: `desk:${input.staffUserId}`,
		limitFactor: 10
	});
}

async function write(
	db: Db,
	input: NeedInput & {
		communityCode: string;
		userId: number | null;
		raisedByUserId: number;
		channel: NeedChannel;
		limitSubject: string;
		limitFactor?: number;
		now?: number;
	}
): Promise<RaiseResult> {
	const categoryCode = await categoryOf(db, input.category);
	if (categoryCode === undefined) return { status: 'no_category' };
	const now = input.now ?? Date.now();
	const limit = { ...raiseLimit, max: raiseLimit.max * (input.limitFactor ?? 1) };
	const allowed = await hit(db, limit, input.limitSubject, now);
	if (!allowed.allowed) return { status: 'rate_limited', retryAfterS: allowed.retryAfterS };
	const id = await transaction(db, async (tx) => {
		const [row] = await tx
			.insert(need)
			.values({
				communityCode: input.communityCode,
				userId: input.userId,
				raisedByUserId: input.raisedByUserId,
				channel: input.channel,
				categoryCode,
				text: input.text,
				place: input.place,
				lng: input.lng ?? null,
				lat: input.lat ?? null,
				public: input.public,
				createdAt: new Date(now)
			})
			.returning({ id: need.id });
		if (input.raisedByUserId !== input.userId)
			await record(tx, {
				actorUserId: input.raisedByUserId,
				action: 'need_raised_for_resident',
				entity: 'need',
				entityId: row.id,
				detail: { communityCode: input.communityCode, channel: input.channel },
				now
			});
		return row.id;
	});
	return { status: 'ok', need: { id, status: 'open', communityCode: input.communityCode } };
}
