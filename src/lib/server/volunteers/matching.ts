import { and, between, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { LngLat } from '$lib/geo';
import type { Db } from '../db';
import { coverageState } from '../coverage/engine';
import { helpRequest, user, volunteer } from '../db/schema';
import type { VolunteerItem } from '../db/schema/volunteers';
import { isFree, maxWalkingM, walkingMinutesOf } from './rules';

export interface Candidate {
	volunteerId: number;
	userId: number;
	distanceM: number;
	walkingMinutes: number;
}

const metresPerDegree = 111_320;

/**
 * The approved volunteers of the item who are free at that time (their weekly windows, and no other
 * accepted help then) and within their own walking limit of the place, nearest first by walking
 * minutes on the street network (the coverage engine; straight lines only when there is no network).
 * A straight line is never longer than the walk, so volunteers beyond the longest limit as the crow
 * flies are left out before the search.
 */
export async function match(
	db: Db,
	input: {
		item: VolunteerItem;
		startsAt: number;
		endsAt: number;
		point: LngLat;
		/** the elder (and whoever asked): never offered their own request */
		excludeUserIds?: number[];
	}
): Promise<Candidate[]> {
	const [lng, lat] = input.point;
	const dLat = maxWalkingM / metresPerDegree;
	const dLng = maxWalkingM / (metresPerDegree * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
	const rows = await db
		.select({
			id: volunteer.id,
			userId: volunteer.userId,
			items: volunteer.items,
			freeTimes: volunteer.freeTimes,
			maxWalkingMinutes: volunteer.maxWalkingMinutes,
			lng: volunteer.lng,
			lat: volunteer.lat
		})
		.from(volunteer)
		.innerJoin(user, eq(user.id, volunteer.userId))
		.where(
			and(
				eq(volunteer.status, 'approved'),
				isNull(user.deletedAt),
				between(volunteer.lat, lat - dLat, lat + dLat),
				between(volunteer.lng, lng - dLng, lng + dLng)
			)
		);
	const excluded = new Set(input.excludeUserIds ?? []);
	const willing = rows.filter(
		(v) =>
			!excluded.has(v.userId) &&
			v.items.includes(input.item) &&
			isFree(v.freeTimes, input.startsAt, input.endsAt)
	);
	if (willing.length === 0) return [];
	const busy = new Set(
		(
			await db
				.select({ volunteerId: helpRequest.acceptedVolunteerId })
				.from(helpRequest)
				.where(
					and(
						eq(helpRequest.status, 'accepted'),
						inArray(
							helpRequest.acceptedVolunteerId,
							willing.map((v) => v.id)
						),
						lt(helpRequest.wantedStartAt, new Date(input.endsAt)),
						gt(helpRequest.wantedEndAt, new Date(input.startsAt))
					)
				)
		).map((row) => row.volunteerId)
	);
	const free = willing.filter((v) => !busy.has(v.id));
	const { engine } = await coverageState(db);
	const distances = engine.distancesFromPoint(
		input.point,
		free.map((v) => [v.lng, v.lat] as LngLat),
		{ cutoffM: maxWalkingM }
	);
	const candidates: Candidate[] = [];
	free.forEach((v, i) => {
		const distanceM = distances[i];
		if (distanceM === null) return;
		const walkingMinutes = walkingMinutesOf(distanceM);
		if (walkingMinutes > v.maxWalkingMinutes) return;
		candidates.push({ volunteerId: v.id, userId: v.userId, distanceM, walkingMinutes });
	});
	return candidates.sort((a, b) => a.distanceM - b.distanceM || a.volunteerId - b.volunteerId);
}
