import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { maskPhone } from '$lib/phone';
import { record } from '../audit';
import { transaction, type Db } from '../db';
import { residence, user, volunteer, volunteerStation } from '../db/schema';
import type { FreeTime, VolunteerItem } from '../db/schema/volunteers';
import type { RegisterInput } from './schemas';

export type VolunteerStatus = 'pending' | 'approved' | 'paused' | 'left';

export interface MyVolunteer {
	id: number;
	status: VolunteerStatus;
	stationId: number;
	stationName: string;
	stationCommunityCode: string;
	items: VolunteerItem[];
	freeTimes: FreeTime[];
	maxWalkingMinutes: number;
}

export type RegisterResult =
	| { status: 'ok'; volunteer: { id: number; status: VolunteerStatus }; updated: boolean }
	| { status: 'no_station' };

/** The person's registration (not one they left), with its station. */
export async function volunteerOf(db: Db, userId: number): Promise<MyVolunteer | undefined> {
	const [row] = await db
		.select({
			id: volunteer.id,
			status: volunteer.status,
			stationId: volunteer.stationId,
			stationName: volunteerStation.name,
			stationCommunityCode: volunteerStation.communityCode,
			items: volunteer.items,
			freeTimes: volunteer.freeTimes,
			maxWalkingMinutes: volunteer.maxWalkingMinutes
		})
		.from(volunteer)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteer.stationId))
		.where(and(eq(volunteer.userId, userId), ne(volunteer.status, 'left')))
		.limit(1);
	return row;
}

/**
 * A resident registers at an open station (or changes their registration): items, free times, how far
 * they will walk. A new registration, or a move to another station, waits for that station's staff.
 * They set out from their home (the residence on their profile), else from the station.
 */
export async function register(
	db: Db,
	input: RegisterInput & { userId: number; now?: number }
): Promise<RegisterResult> {
	const [station] = await db
		.select({ id: volunteerStation.id, lng: volunteerStation.lng, lat: volunteerStation.lat })
		.from(volunteerStation)
		.where(and(eq(volunteerStation.id, input.stationId), eq(volunteerStation.active, true)))
		.limit(1);
	if (!station) return { status: 'no_station' };
	const [home] = await db
		.select({ lng: residence.lng, lat: residence.lat })
		.from(user)
		.innerJoin(residence, eq(residence.id, user.homeResidenceId))
		.where(eq(user.id, input.userId))
		.limit(1);
	const start = home ?? { lng: station.lng, lat: station.lat };
	const now = input.now ?? Date.now();
	return transaction(db, async (tx) => {
		const [current] = await tx
			.select({ id: volunteer.id, status: volunteer.status, stationId: volunteer.stationId })
			.from(volunteer)
			.where(and(eq(volunteer.userId, input.userId), ne(volunteer.status, 'left')))
			.limit(1);
		const fields = {
			stationId: input.stationId,
			items: input.items,
			freeTimes: input.freeTimes,
			maxWalkingMinutes: input.maxWalkingMinutes,
			lng: start.lng,
			lat: start.lat
		};
		if (current) {
			const moved = current.stationId !== input.stationId;
			const status: VolunteerStatus = moved ? 'pending' : current.status;
			await tx
				.update(volunteer)
				.set({
					...fields,
					status,
					...(moved ? { approvedAt: null, approvedByUserId: null } : {}),
					statusChangedAt: moved ? new Date(now) : undefined
				})
				.where(eq(volunteer.id, current.id));
			return { status: 'ok', volunteer: { id: current.id, status }, updated: true } as const;
		}
		const [row] = await tx
			.insert(volunteer)
			.values({ ...fields, userId: input.userId, createdAt: new Date(now) })
			.returning({ id: volunteer.id });
		return { status: 'ok', volunteer: { id: row.id, status: 'pending' }, updated: false } as const;
	});
}

/** What each side may do: station staff approve and pause; the volunteer pauses, resumes or leaves. */
export type StatusAction = 'approve' | 'pause' | 'resume' | 'leave';
const transitions: Record<StatusAction, { from: VolunteerStatus[]; to: VolunteerStatus }> = {
	approve: { from: ['pending', 'paused'], to: 'approved' },
	pause: { from: ['pending', 'approved'], to: 'paused' },
	resume: { from: ['paused'], to: 'approved' },
	leave: { from: ['pending', 'approved', 'paused'], to: 'left' }
};

export type StatusResult =
	| { status: 'ok'; volunteerStatus: VolunteerStatus }
	| { status: 'not_found' }
	| { status: 'not_allowed' };

/** The station's community, for the route's staff check (undefined: no such volunteer). */
export async function communityOfVolunteer(db: Db, volunteerId: number) {
	const [row] = await db
		.select({ communityCode: volunteerStation.communityCode })
		.from(volunteer)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteer.stationId))
		.where(eq(volunteer.id, volunteerId))
		.limit(1);
	return row?.communityCode;
}

/**
 * Changes a registration's status. `by: 'staff'` may approve and pause (the route checked the scope);
 * `by: 'self'` may pause, resume (only after pausing themselves: a pause by staff is theirs to lift)
 * and leave. A change the current status does not allow is refused (a second approve too).
 */
export async function setStatus(
	db: Db,
	input: {
		volunteerId: number;
		action: StatusAction;
		by: 'staff' | 'self';
		actorUserId: number;
		now?: number;
	}
): Promise<StatusResult> {
	const now = input.now ?? Date.now();
	const allowed: StatusAction[] =
		input.by === 'staff' ? ['approve', 'pause'] : ['pause', 'resume', 'leave'];
	if (!allowed.includes(input.action)) return { status: 'not_allowed' };
	const { from, to } = transitions[input.action];
	return transaction(db, async (tx) => {
		const [row] = await tx
			.select({
				status: volunteer.status,
				userId: volunteer.userId,
				approvedAt: volunteer.approvedAt
			})
			.from(volunteer)
			.where(eq(volunteer.id, input.volunteerId))
			.limit(1);
		if (!row || (input.by === 'self' && row.userId !== input.actorUserId))
			return { status: 'not_found' } as const;
		// a volunteer paused by staff (approved before, paused by someone else) cannot resume alone
		if (!from.includes(row.status) || (input.action === 'resume' && row.approvedAt === null))
			return { status: 'not_allowed' } as const;
		await tx
			.update(volunteer)
			.set({
				status: to,
				statusChangedAt: new Date(now),
				...(input.action === 'approve'
					? { approvedAt: new Date(now), approvedByUserId: input.actorUserId }
					: {})
			})
			.where(and(eq(volunteer.id, input.volunteerId), inArray(volunteer.status, from)));
		if (input.by === 'staff')
			await record(tx, {
				actorUserId: input.actorUserId,
				action: `volunteer_${input.action}`,
				entity: 'volunteer',
				entityId: input.volunteerId,
				now
			});
		return { status: 'ok', volunteerStatus: to } as const;
	});
}

export interface StaffVolunteer {
	id: number;
	name: string;
	maskedPhone: string;
	status: VolunteerStatus;
	stationId: number;
	stationName: string;
	items: VolunteerItem[];
	maxWalkingMinutes: number;
}

/** The volunteers of the stations in these communities (not those who left), for their staff. */
export async function volunteersOfCommunities(
	db: Db,
	communityCodes: string[]
): Promise<StaffVolunteer[]> {
	if (communityCodes.length === 0) return [];
	const rows = await db
		.select({
			id: volunteer.id,
			name: user.name,
			phone: user.phone,
			status: volunteer.status,
			stationId: volunteer.stationId,
			stationName: volunteerStation.name,
			items: volunteer.items,
			maxWalkingMinutes: volunteer.maxWalkingMinutes
		})
		.from(volunteer)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteer.stationId))
		.innerJoin(user, eq(user.id, volunteer.userId))
		.where(
			and(
				inArray(volunteerStation.communityCode, communityCodes),
				ne(volunteer.status, 'left'),
				isNull(user.deletedAt)
			)
		)
		.orderBy(asc(volunteer.status), asc(volunteer.id));
	return rows.map(({ phone, ...row }) => ({ ...row, maskedPhone: maskPhone(phone) }));
}
