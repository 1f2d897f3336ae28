import { and, count, desc, eq, inArray, sum } from 'drizzle-orm';
import type { Db } from '../db';
import { need, user } from '../db/schema';
import { otherCategory } from './schemas';
import type { NeedStatus, PublicNeed } from './types';

const publicColumns = {
	id: need.id,
	categoryCode: need.categoryCode,
	text: need.text,
	status: need.status,
	supporters: need.supporters,
	answer: need.answer,
	createdAt: need.createdAt,
	place: need.place,
	lng: need.lng,
	lat: need.lat,
	mergedIntoId: need.mergedIntoId,
	projectId: need.projectId
};

type Row = {
	id: number;
	categoryCode: string | null;
	text: string;
	status: NeedStatus;
	supporters: number;
	answer: string | null;
	createdAt: Date;
	place: 'home' | 'community';
	lng: number | null;
	lat: number | null;
	mergedIntoId: number | null;
	projectId: number | null;
};

function present(row: Row): PublicNeed {
	return {
		...row,
		category: row.categoryCode ?? otherCategory,
		createdAt: row.createdAt.getTime()
	};
}

/** The community's public list (公开的需求): no names, no phones; most supported first, then newest. */
export async function listPublic(
	db: Db,
	communityCode: string,
	limit = 200
): Promise<PublicNeed[]> {
	const rows = await db
		.select(publicColumns)
		.from(need)
		.where(and(eq(need.communityCode, communityCode), eq(need.public, true)))
		.orderBy(desc(need.supporters), desc(need.createdAt), desc(need.id))
		.limit(limit);
	return rows.map(present);
}

/** A person's own needs, public or not. */
export async function listOwn(db: Db, userId: number): Promise<PublicNeed[]> {
	const rows = await db
		.select(publicColumns)
		.from(need)
		.where(eq(need.userId, userId))
		.orderBy(desc(need.createdAt), desc(need.id))
		.limit(100);
	return rows.map(present);
}

export interface StaffNeed extends PublicNeed {
	public: boolean;
	channel: string;
	personName: string | null;
}

/** Everything staff of the community triage, private needs too, with the person's name (not phone). */
export async function listForStaff(
	db: Db,
	communityCode: string,
	statuses?: NeedStatus[]
): Promise<StaffNeed[]> {
	const rows = await db
		.select({ ...publicColumns, public: need.public, channel: need.channel, personName: user.name })
		.from(need)
		.leftJoin(user, eq(user.id, need.userId))
		.where(
			and(
				eq(need.communityCode, communityCode),
				statuses ? inArray(need.status, statuses) : undefined
			)
		)
		.orderBy(desc(need.createdAt), desc(need.id))
		.limit(500);
	return rows.map((r) => ({
		...present(r),
		public: Boolean(r.public),
		channel: r.channel,
		personName: r.personName
	}));
}

/** One need for its page: the public view, or null when it is private and not the viewer's. */
export async function findVisible(
	db: Db,
	needId: number,
	viewer: { userId: number | null; staffOf: boolean }
): Promise<(PublicNeed & { communityCode: string; own: boolean }) | null> {
	const [row] = await db
		.select({
			...publicColumns,
			communityCode: need.communityCode,
			public: need.public,
			userId: need.userId
		})
		.from(need)
		.where(eq(need.id, needId))
		.limit(1);
	if (!row) return null;
	const own = viewer.userId !== null && row.userId === viewer.userId;
	if (!row.public && !own && !viewer.staffOf) return null;
	return { ...present(row), communityCode: row.communityCode, own };
}

/** Needs not yet answered by a project or a refusal: 待受理 and 已受理. */
export const openNeedStatuses = ['open', 'accepted'] as const;

/**
 * Open needs per community and category (null: 其他), with their supporters: the demand signal the
 * planning view shows beside coverage gaps and in the ledger. Public or not: only counts leave here.
 */
export async function openNeedCounts(
	db: Db,
	communityCodes: readonly string[]
): Promise<{ communityCode: string; category: string; needs: number; supporters: number }[]> {
	if (communityCodes.length === 0) return [];
	const rows = await db
		.select({
			communityCode: need.communityCode,
			categoryCode: need.categoryCode,
			needs: count(),
			supporters: sum(need.supporters).mapWith(Number)
		})
		.from(need)
		.where(
			and(
				inArray(need.communityCode, [...communityCodes]),
				inArray(need.status, [...openNeedStatuses])
			)
		)
		.groupBy(need.communityCode, need.categoryCode);
	return rows.map((row) => ({
		communityCode: row.communityCode,
		category: row.categoryCode ?? otherCategory,
		needs: row.needs,
		supporters: row.supporters ?? 0
	}));
}
