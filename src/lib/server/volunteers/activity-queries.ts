import { and, asc, desc, eq, gt, gte, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../db';
import {
	community,
	user,
	volunteer,
	volunteerActivity,
	volunteerActivitySignup,
	volunteerStation
} from '../db/schema';
import { maskPhone } from '$lib/phone';
import { dayMs } from '$lib/time';
import { placesLeft } from './activity-rules';

// What the pages show of the activities: the public list of a community, a volunteer's list with
// their own sign-ups, and the staff's list with who signed up.

const columns = {
	id: volunteerActivity.id,
	title: volunteerActivity.title,
	description: volunteerActivity.description,
	startsAt: volunteerActivity.startsAt,
	endsAt: volunteerActivity.endsAt,
	place: volunteerActivity.place,
	capacity: volunteerActivity.capacity,
	signedUpCount: volunteerActivity.signedUpCount,
	items: volunteerActivity.items,
	cancelledAt: volunteerActivity.cancelledAt,
	stationId: volunteerStation.id,
	stationName: volunteerStation.name,
	communityCode: volunteerStation.communityCode
};

type Row = {
	id: number;
	title: string;
	description: string;
	startsAt: Date;
	endsAt: Date;
	place: string;
	capacity: number;
	signedUpCount: number;
	items: string[];
	cancelledAt: Date | null;
	stationId: number;
	stationName: string;
	communityCode: string;
};

export interface ActivityView {
	id: number;
	title: string;
	description: string;
	startsAt: number;
	endsAt: number;
	place: string;
	capacity: number;
	placesLeft: number;
	items: string[];
	cancelled: boolean;
	stationName: string;
	communityCode: string;
}

function view(row: Row): ActivityView {
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		startsAt: row.startsAt.getTime(),
		endsAt: row.endsAt.getTime(),
		place: row.place,
		capacity: row.capacity,
		placesLeft: placesLeft(row),
		items: row.items,
		cancelled: row.cancelledAt !== null,
		stationName: row.stationName,
		communityCode: row.communityCode
	};
}

/** A community's coming activities (not called off), soonest first: the community page. */
export async function upcomingOfCommunity(
	db: Db,
	communityCode: string,
	now = Date.now(),
	limit = 10
): Promise<ActivityView[]> {
	const rows = await db
		.select(columns)
		.from(volunteerActivity)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerActivity.stationId))
		.where(
			and(
				eq(volunteerStation.communityCode, communityCode),
				gt(volunteerActivity.startsAt, new Date(now)),
				isNull(volunteerActivity.cancelledAt)
			)
		)
		.orderBy(asc(volunteerActivity.startsAt), asc(volunteerActivity.id))
		.limit(limit);
	return rows.map(view);
}

export interface VolunteerActivityView extends ActivityView {
	/** the volunteer's own sign-up, if any */
	mine: 'signed_up' | 'attended' | 'no_show' | null;
}

/**
 * A volunteer's activities: the coming ones of their station's community and every one they
 * signed up to (past ones too, 60 days back), soonest first.
 */
export async function activitiesForVolunteer(
	db: Db,
	userId: number,
	now = Date.now()
): Promise<VolunteerActivityView[]> {
	const registrations = await db
		.select({ id: volunteer.id, communityCode: volunteerStation.communityCode })
		.from(volunteer)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteer.stationId))
		.where(and(eq(volunteer.userId, userId), ne(volunteer.status, 'left')));
	if (registrations.length === 0) return [];
	const ids = registrations.map((r) => r.id);
	const mine = await db
		.select({
			activityId: volunteerActivitySignup.activityId,
			status: volunteerActivitySignup.status
		})
		.from(volunteerActivitySignup)
		.where(
			and(
				inArray(volunteerActivitySignup.volunteerId, ids),
				ne(volunteerActivitySignup.status, 'cancelled')
			)
		);
	const statusOf = new Map(mine.map((s) => [s.activityId, s.status]));
	const rows = await db
		.select(columns)
		.from(volunteerActivity)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerActivity.stationId))
		.where(
			or(
				and(
					inArray(
						volunteerStation.communityCode,
						registrations.map((r) => r.communityCode)
					),
					gt(volunteerActivity.startsAt, new Date(now)),
					isNull(volunteerActivity.cancelledAt)
				),
				statusOf.size === 0
					? undefined
					: and(
							inArray(volunteerActivity.id, [...statusOf.keys()]),
							gte(volunteerActivity.startsAt, new Date(now - 60 * dayMs))
						)
			)
		)
		.orderBy(asc(volunteerActivity.startsAt), asc(volunteerActivity.id))
		.limit(100);
	return rows.map((row) => {
		const status = statusOf.get(row.id);
		return { ...view(row), mine: status && status !== 'cancelled' ? status : null };
	});
}

export interface StaffActivityView extends ActivityView {
	communityName: string;
}

/** The activities of the stations of some communities: 30 days back and every coming one. */
export async function activitiesForStaff(
	db: Db,
	communityCodes: string[],
	now = Date.now()
): Promise<StaffActivityView[]> {
	if (communityCodes.length === 0) return [];
	const rows = await db
		.select({ ...columns, communityName: community.name })
		.from(volunteerActivity)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerActivity.stationId))
		.innerJoin(community, eq(community.code, volunteerStation.communityCode))
		.where(
			and(
				inArray(volunteerStation.communityCode, communityCodes),
				gte(volunteerActivity.startsAt, new Date(now - 30 * dayMs))
			)
		)
		.orderBy(desc(volunteerActivity.startsAt), desc(volunteerActivity.id))
		.limit(200);
	return rows.map((row) => ({ ...view(row), communityName: row.communityName }));
}

export interface SignupView {
	id: number;
	name: string;
	phoneMasked: string;
	status: 'signed_up' | 'cancelled' | 'attended' | 'no_show';
}

/** One activity with its sign-ups (not the cancelled ones), for its station's staff. */
export async function activityWithSignups(db: Db, activityId: number) {
	const [row] = await db
		.select(columns)
		.from(volunteerActivity)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerActivity.stationId))
		.where(eq(volunteerActivity.id, activityId))
		.limit(1);
	if (!row) return null;
	const signups = await db
		.select({
			id: volunteerActivitySignup.id,
			name: user.name,
			phone: user.phone,
			status: volunteerActivitySignup.status
		})
		.from(volunteerActivitySignup)
		.innerJoin(volunteer, eq(volunteer.id, volunteerActivitySignup.volunteerId))
		.innerJoin(user, eq(user.id, volunteer.userId))
		.where(
			and(
				eq(volunteerActivitySignup.activityId, activityId),
				ne(volunteerActivitySignup.status, 'cancelled')
			)
		)
		.orderBy(asc(volunteerActivitySignup.id));
	return {
		activity: view(row),
		signups: signups.map(({ phone, ...s }): SignupView => ({ ...s, phoneMasked: maskPhone(phone) }))
	};
}

/** The active stations of some communities (the post form's choice). */
export async function activeStationsOf(db: Db, communityCodes: string[]) {
	if (communityCodes.length === 0) return [];
	return db
		.select({
			id: volunteerStation.id,
			name: volunteerStation.name,
			communityCode: volunteerStation.communityCode,
			items: volunteerStation.items
		})
		.from(volunteerStation)
		.where(
			and(
				inArray(volunteerStation.communityCode, communityCodes),
				eq(volunteerStation.active, true)
			)
		)
		.orderBy(asc(volunteerStation.communityCode), asc(volunteerStation.id));
}
