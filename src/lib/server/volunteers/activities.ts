import { and, eq, ne, sql } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import {
	volunteer,
	volunteerActivity,
	volunteerActivitySignup,
	volunteerService,
	volunteerStation
} from '../db/schema';
import { actor, staffCovers } from '../booking/access';
import { record } from '../audit';
import { localDate } from '$lib/time';
import {
	canCancelSignUp,
	canRecordAttendance,
	serviceMinutesOf,
	signUpRefusal,
	type ActivityState,
	type SignUpRefusal
} from './activity-rules';
import type { ActivityInput } from './activity-schemas';

// 志愿活动: a station's staff post group activities; approved volunteers take a place with the same
// rule as a booking slot (the counter and the sign-up row change in one transaction, refused when
// no place is left: serialised writers on SQLite, serializable transactions on PostgreSQL).

export type PostResult =
	| { status: 'ok'; activityId: number }
	| { status: 'not_found' }
	| { status: 'forbidden' }
	| {
			status: 'past';
	  };

async function stationOf(tx: Db, stationId: number) {
	const [row] = await tx
		.select({
			id: volunteerStation.id,
			communityCode: volunteerStation.communityCode,
			active: volunteerStation.active,
			lng: volunteerStation.lng,
			lat: volunteerStation.lat
		})
		.from(volunteerStation)
		.where(eq(volunteerStation.id, stationId))
		.limit(1);
	return row;
}

/** Staff serving the station's community (or an administrator): the only ones who run its activities. */
export async function staffOfStation(tx: Db, userId: number, communityCode: string) {
	const who = await actor(tx, userId);
	return who !== null && (await staffCovers(tx, who, communityCode));
}

/** The community a station is in (routes check the staff member's scope first), or null. */
export async function communityOfStation(db: Db, stationId: number): Promise<string | null> {
	return (await stationOf(db, stationId))?.communityCode ?? null;
}

/** The community of the station an activity belongs to, or null. */
export async function communityOfActivity(db: Db, activityId: number): Promise<string | null> {
	const [row] = await db
		.select({ code: volunteerStation.communityCode })
		.from(volunteerActivity)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerActivity.stationId))
		.where(eq(volunteerActivity.id, activityId))
		.limit(1);
	return row?.code ?? null;
}

export function postActivity(
	db: Db,
	input: { activity: ActivityInput; byUserId: number; now?: number }
): Promise<PostResult> {
	const now = input.now ?? Date.now();
	const a = input.activity;
	return transaction(db, async (tx): Promise<PostResult> => {
		const station = await stationOf(tx, a.stationId);
		if (!station || !station.active) return { status: 'not_found' };
		if (!(await staffOfStation(tx, input.byUserId, station.communityCode)))
			return { status: 'forbidden' };
		if (a.startsAt <= now) return { status: 'past' };
		const [row] = await tx
			.insert(volunteerActivity)
			.values({
				stationId: station.id,
				title: a.title,
				description: a.description,
				startsAt: new Date(a.startsAt),
				endsAt: new Date(a.endsAt),
				place: a.place,
				lng: station.lng,
				lat: station.lat,
				capacity: a.capacity,
				items: a.items,
				createdByUserId: input.byUserId,
				createdAt: new Date(now)
			})
			.returning({ id: volunteerActivity.id });
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'volunteer_activity.post',
			entity: 'volunteer_activity',
			entityId: row.id,
			detail: { stationId: station.id, capacity: a.capacity },
			now
		});
		return { status: 'ok', activityId: row.id };
	});
}

async function activityState(tx: Db, activityId: number) {
	const [row] = await tx
		.select({
			id: volunteerActivity.id,
			stationId: volunteerActivity.stationId,
			communityCode: volunteerStation.communityCode,
			startsAt: volunteerActivity.startsAt,
			endsAt: volunteerActivity.endsAt,
			capacity: volunteerActivity.capacity,
			signedUpCount: volunteerActivity.signedUpCount,
			cancelledAt: volunteerActivity.cancelledAt,
			items: volunteerActivity.items
		})
		.from(volunteerActivity)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerActivity.stationId))
		.where(eq(volunteerActivity.id, activityId))
		.limit(1);
	if (!row) return undefined;
	const state: ActivityState = {
		startsAt: row.startsAt.getTime(),
		endsAt: row.endsAt.getTime(),
		capacity: row.capacity,
		signedUpCount: row.signedUpCount,
		cancelled: row.cancelledAt !== null
	};
	return { ...row, state };
}

/** The person's approved volunteer registration (only approved volunteers take part), or null. */
export async function approvedVolunteerOf(tx: Db, userId: number) {
	const [row] = await tx
		.select({ id: volunteer.id, stationId: volunteer.stationId })
		.from(volunteer)
		.where(and(eq(volunteer.userId, userId), eq(volunteer.status, 'approved')))
		.limit(1);
	return row ?? null;
}

export type SignUpResult =
	| { status: 'ok'; signupId: number }
	| { status: SignUpRefusal }
	| { status: 'duplicate' }
	| { status: 'not_volunteer' }
	| { status: 'not_found' };

async function activeSignup(tx: Db, activityId: number, volunteerId: number) {
	const [row] = await tx
		.select({ id: volunteerActivitySignup.id })
		.from(volunteerActivitySignup)
		.where(
			and(
				eq(volunteerActivitySignup.activityId, activityId),
				eq(volunteerActivitySignup.volunteerId, volunteerId),
				ne(volunteerActivitySignup.status, 'cancelled')
			)
		)
		.limit(1);
	return row?.id ?? null;
}

/** An approved volunteer takes a place: never more sign-ups than places, one per volunteer. */
export function signUp(
	db: Db,
	input: { activityId: number; byUserId: number; now?: number }
): Promise<SignUpResult> {
	const now = input.now ?? Date.now();
	return transaction(db, async (tx): Promise<SignUpResult> => {
		const activity = await activityState(tx, input.activityId);
		if (!activity) return { status: 'not_found' };
		const who = await approvedVolunteerOf(tx, input.byUserId);
		if (!who) return { status: 'not_volunteer' };
		if ((await activeSignup(tx, activity.id, who.id)) !== null) return { status: 'duplicate' };
		const refusal = signUpRefusal(activity.state, now);
		if (refusal) return { status: refusal };
		// the guard in the update is the capacity check the database itself enforces (and a check
		// constraint behind it): a place is taken only while one is left
		const taken = await tx
			.update(volunteerActivity)
			.set({ signedUpCount: sql`${volunteerActivity.signedUpCount} + 1` })
			.where(
				and(
					eq(volunteerActivity.id, activity.id),
					sql`${volunteerActivity.signedUpCount} < ${volunteerActivity.capacity}`
				)
			)
			.returning({ id: volunteerActivity.id });
		if (taken.length === 0) return { status: 'full' };
		const [row] = await tx
			.insert(volunteerActivitySignup)
			.values({
				activityId: activity.id,
				volunteerId: who.id,
				createdAt: new Date(now),
				statusChangedAt: new Date(now)
			})
			.returning({ id: volunteerActivitySignup.id });
		return { status: 'ok', signupId: row.id };
	});
}

export type CancelSignUpResult =
	{ status: 'ok' } | { status: 'not_found' } | { status: 'started' } | { status: 'not_volunteer' };

/** The volunteer gives their place back before the activity starts: the place is free again. */
export function cancelSignUp(
	db: Db,
	input: { activityId: number; byUserId: number; now?: number }
): Promise<CancelSignUpResult> {
	const now = input.now ?? Date.now();
	return transaction(db, async (tx): Promise<CancelSignUpResult> => {
		const activity = await activityState(tx, input.activityId);
		if (!activity) return { status: 'not_found' };
		const who = await approvedVolunteerOf(tx, input.byUserId);
		if (!who) return { status: 'not_volunteer' };
		const signupId = await activeSignup(tx, activity.id, who.id);
		if (signupId === null) return { status: 'not_found' };
		if (!canCancelSignUp(activity.state, now)) return { status: 'started' };
		await tx
			.update(volunteerActivitySignup)
			.set({ status: 'cancelled', statusChangedAt: new Date(now) })
			.where(eq(volunteerActivitySignup.id, signupId));
		await tx
			.update(volunteerActivity)
			.set({ signedUpCount: sql`${volunteerActivity.signedUpCount} - 1` })
			.where(eq(volunteerActivity.id, activity.id));
		return { status: 'ok' };
	});
}

export type StaffActivityResult =
	| { status: 'ok' }
	| { status: 'not_found' }
	| { status: 'forbidden' }
	| { status: 'not_yet' }
	| { status: 'started' }
	| { status: 'cancelled' };

/** Staff call an activity off: every place is released (the sign-ups stay, cancelled). */
export function cancelActivity(
	db: Db,
	input: { activityId: number; byUserId: number; now?: number }
): Promise<StaffActivityResult> {
	const now = input.now ?? Date.now();
	return transaction(db, async (tx): Promise<StaffActivityResult> => {
		const activity = await activityState(tx, input.activityId);
		if (!activity) return { status: 'not_found' };
		if (!(await staffOfStation(tx, input.byUserId, activity.communityCode)))
			return { status: 'forbidden' };
		if (activity.state.cancelled) return { status: 'cancelled' };
		// one that has started keeps its list: attendance is recorded on it
		if (activity.state.startsAt <= now) return { status: 'started' };
		await tx
			.update(volunteerActivitySignup)
			.set({ status: 'cancelled', statusChangedAt: new Date(now) })
			.where(
				and(
					eq(volunteerActivitySignup.activityId, activity.id),
					eq(volunteerActivitySignup.status, 'signed_up')
				)
			);
		await tx
			.update(volunteerActivity)
			.set({ cancelledAt: new Date(now), signedUpCount: 0 })
			.where(eq(volunteerActivity.id, activity.id));
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'volunteer_activity.cancel',
			entity: 'volunteer_activity',
			entityId: activity.id,
			now
		});
		return { status: 'ok' };
	});
}

/**
 * Staff record who came, once the activity has started: the ticked sign-ups are attended (and
 * their hours recorded, once per volunteer), the others of the list no-shows. Recording again
 * corrects it: a sign-up ticked off again loses the hours it was given.
 */
export function recordAttendance(
	db: Db,
	input: { activityId: number; attendedSignupIds: number[]; byUserId: number; now?: number }
): Promise<StaffActivityResult> {
	const now = input.now ?? Date.now();
	return transaction(db, async (tx): Promise<StaffActivityResult> => {
		const activity = await activityState(tx, input.activityId);
		if (!activity) return { status: 'not_found' };
		if (!(await staffOfStation(tx, input.byUserId, activity.communityCode)))
			return { status: 'forbidden' };
		if (!canRecordAttendance(activity.state, now))
			return activity.state.cancelled ? { status: 'cancelled' } : { status: 'not_yet' };
		const signups = await tx
			.select({
				id: volunteerActivitySignup.id,
				volunteerId: volunteerActivitySignup.volunteerId,
				status: volunteerActivitySignup.status
			})
			.from(volunteerActivitySignup)
			.where(
				and(
					eq(volunteerActivitySignup.activityId, activity.id),
					ne(volunteerActivitySignup.status, 'cancelled')
				)
			);
		const ticked = new Set(input.attendedSignupIds);
		// an id not on this activity's list is someone else's: refused as unknown, nothing written
		if ([...ticked].some((id) => !signups.some((s) => s.id === id))) return { status: 'not_found' };
		const minutes = serviceMinutesOf(activity.state);
		const item = activity.items[0] ?? 'other';
		let attended = 0;
		for (const signup of signups) {
			const came = ticked.has(signup.id);
			attended += came ? 1 : 0;
			const status = came ? 'attended' : 'no_show';
			if (signup.status !== status)
				await tx
					.update(volunteerActivitySignup)
					.set({ status, statusChangedAt: new Date(now) })
					.where(eq(volunteerActivitySignup.id, signup.id));
			if (came && signup.status !== 'attended')
				await tx
					.insert(volunteerService)
					.values({
						volunteerId: signup.volunteerId,
						stationId: activity.stationId,
						activityId: activity.id,
						item,
						minutes,
						servedOn: localDate(activity.state.startsAt),
						confirmedByUserId: input.byUserId,
						createdAt: new Date(now)
					})
					.onConflictDoNothing();
			if (!came && signup.status === 'attended')
				await tx
					.delete(volunteerService)
					.where(
						and(
							eq(volunteerService.activityId, activity.id),
							eq(volunteerService.volunteerId, signup.volunteerId)
						)
					);
		}
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'volunteer_activity.attendance',
			entity: 'volunteer_activity',
			entityId: activity.id,
			detail: { attended, listed: signups.length },
			now
		});
		return { status: 'ok' };
	});
}
