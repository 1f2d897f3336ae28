import { and, desc, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { community, notice, staffScope, street } from '../db/schema';
import { communitiesServed } from '../auth/scopes';
import type { NoticeTarget } from './schemas';

/** A notice as pages and the API show it: plain text, times in epoch ms. */
export interface NoticeView {
	id: number;
	scope: 'community' | 'street' | 'city';
	/** the community's or street's name; null for the city */
	placeName: string | null;
	title: string;
	body: string;
	publishedAt: number;
	validFrom: number | null;
	validUntil: number | null;
	pinned: boolean;
	urgent: boolean;
}

const columns = {
	id: notice.id,
	scope: notice.scope,
	communityName: community.name,
	streetName: street.name,
	title: notice.title,
	body: notice.body,
	createdAt: notice.createdAt,
	validFrom: notice.validFrom,
	validUntil: notice.validUntil,
	pinned: notice.pinned,
	urgent: notice.urgent,
	withdrawnAt: notice.withdrawnAt
};

async function select(db: Db, where: SQL | undefined, limit: number) {
	const rows = await db
		.select(columns)
		.from(notice)
		.leftJoin(community, eq(community.code, notice.communityCode))
		.leftJoin(street, eq(street.code, notice.streetCode))
		.where(where)
		.orderBy(desc(notice.pinned), desc(notice.createdAt), desc(notice.id))
		.limit(limit);
	return rows.map((r) => ({
		id: r.id,
		scope: r.scope,
		placeName: r.communityName ?? r.streetName ?? null,
		title: r.title,
		body: r.body,
		publishedAt: r.createdAt.getTime(),
		validFrom: r.validFrom?.getTime() ?? null,
		validUntil: r.validUntil?.getTime() ?? null,
		pinned: Boolean(r.pinned),
		urgent: Boolean(r.urgent),
		withdrawn: r.withdrawnAt !== null
	}));
}

function shownAt(now: number): SQL {
	const at = new Date(now);
	return and(
		isNull(notice.withdrawnAt),
		or(isNull(notice.validFrom), lte(notice.validFrom, at)),
		or(isNull(notice.validUntil), gte(notice.validUntil, at))
	)!;
}

const strip = ({ withdrawn, ...view }: NoticeView & { withdrawn: boolean }): NoticeView => {
	void withdrawn;
	return view;
};

/**
 * The notices shown now to a community's residents: its own, its street's and the city's (pinned
 * first, newest first). Without a community: the city's only. Null when the community is unknown.
 */
export async function current(
	db: Db,
	communityCode: string | null,
	now = Date.now(),
	limit = 20
): Promise<NoticeView[] | null> {
	if (communityCode === null)
		return (await select(db, and(shownAt(now), eq(notice.scope, 'city')), limit)).map(strip);
	const [place] = await db
		.select({ streetCode: community.streetCode })
		.from(community)
		.where(eq(community.code, communityCode))
		.limit(1);
	if (!place) return null;
	const reaches = or(
		eq(notice.scope, 'city'),
		eq(notice.streetCode, place.streetCode),
		eq(notice.communityCode, communityCode)
	);
	return (await select(db, and(shownAt(now), reaches), limit)).map(strip);
}

/** What a staff member may manage: the notices of their communities and streets (all for an administrator). */
export async function forStaff(db: Db, user: { id: number; role: string }, limit = 50) {
	if (user.role === 'admin') return await select(db, undefined, limit);
	const codes = await communitiesServed(db, user.id);
	const streets = (
		await db
			.select({ code: staffScope.streetCode })
			.from(staffScope)
			.where(eq(staffScope.userId, user.id))
	).flatMap((r) => (r.code ? [r.code] : []));
	const conditions = [
		codes.length > 0 ? inArray(notice.communityCode, codes) : undefined,
		streets.length > 0 ? inArray(notice.streetCode, streets) : undefined
	].filter((c): c is SQL => c !== undefined);
	if (conditions.length === 0) return [];
	return await select(db, or(...conditions), limit);
}

/** Where a notice was published (for the authority check before withdrawing it), or null. */
export async function targetOf(db: Db, id: number): Promise<NoticeTarget | null> {
	const [row] = await db
		.select({
			scope: notice.scope,
			communityCode: notice.communityCode,
			streetCode: notice.streetCode
		})
		.from(notice)
		.where(eq(notice.id, id))
		.limit(1);
	if (!row) return null;
	if (row.scope === 'community') return { scope: 'community', community: row.communityCode ?? '' };
	if (row.scope === 'street') return { scope: 'street', street: row.streetCode ?? '' };
	return { scope: 'city' };
}

/** The places a staff member may publish for, as the form's choices. */
export async function targetsFor(db: Db, user: { id: number; role: string }) {
	const communities = await db
		.select({ code: community.code, name: community.name, streetCode: community.streetCode })
		.from(community)
		.orderBy(community.code);
	const streets = await db.select({ code: street.code, name: street.name }).from(street);
	if (user.role === 'admin')
		return {
			city: true,
			streets,
			communities: communities.map(({ code, name }) => ({ code, name }))
		};
	const served = new Set(await communitiesServed(db, user.id));
	const ownStreets = new Set(
		(
			await db
				.select({ code: staffScope.streetCode })
				.from(staffScope)
				.where(eq(staffScope.userId, user.id))
		).flatMap((r) => (r.code ? [r.code] : []))
	);
	return {
		city: false,
		streets: streets.filter((s) => ownStreets.has(s.code)),
		communities: communities
			.filter((c) => served.has(c.code))
			.map(({ code, name }) => ({ code, name }))
	};
}
