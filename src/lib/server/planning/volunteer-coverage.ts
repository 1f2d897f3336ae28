/**
 * The coverage view's volunteer columns (issue 19): approved volunteers per 1,000 elders (60+) of
 * each community, and the help requests of the last `requestWindowDays` days answered or not.
 *
 * - a volunteer counts for the community of their station, while approved (not pending, paused or
 *   gone);
 * - a request is answered when a volunteer accepted it (accepted or done); unanswered when it went
 *   to the station's staff (escalated) or is still waiting after the time it was wanted for; the
 *   ones still waiting before that time are pending, and cancelled ones are not counted.
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { helpRequest, residence, volunteer, volunteerStation } from '../db/schema';
import { dayMs } from '$lib/time';

export const requestWindowDays = 30;

export interface VolunteerCoverageRow {
	code: string;
	elders: number;
	volunteers: number;
	/** null when the community has no elders on record */
	per1000Elders: number | null;
	answered: number;
	unanswered: number;
	pending: number;
}

export function per1000(volunteers: number, elders: number): number | null {
	return elders > 0 ? Math.round((volunteers / elders) * 10_000) / 10 : null;
}

export type RequestOutcome = 'answered' | 'unanswered' | 'pending' | 'none';

export function outcomeOf(status: string, wantedStartAt: number, now: number): RequestOutcome {
	if (status === 'accepted' || status === 'done') return 'answered';
	if (status === 'escalated') return 'unanswered';
	if (status === 'open' || status === 'offered')
		return wantedStartAt <= now ? 'unanswered' : 'pending';
	return 'none';
}

export async function volunteerCoverage(
	db: Db,
	communityCodes: string[],
	now = Date.now()
): Promise<VolunteerCoverageRow[]> {
	if (communityCodes.length === 0) return [];
	const elders = await db
		.select({
			code: residence.communityCode,
			n: sql<number>`sum(${residence.elderly60plus})`.mapWith(Number)
		})
		.from(residence)
		.where(inArray(residence.communityCode, communityCodes))
		.groupBy(residence.communityCode);
	const volunteers = await db
		.select({
			code: volunteerStation.communityCode,
			n: sql<number>`count(*)`.mapWith(Number)
		})
		.from(volunteer)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteer.stationId))
		.where(
			and(inArray(volunteerStation.communityCode, communityCodes), eq(volunteer.status, 'approved'))
		)
		.groupBy(volunteerStation.communityCode);
	const requests = await db
		.select({
			code: helpRequest.communityCode,
			status: helpRequest.status,
			wantedStartAt: helpRequest.wantedStartAt
		})
		.from(helpRequest)
		.where(
			and(
				inArray(helpRequest.communityCode, communityCodes),
				gte(helpRequest.createdAt, new Date(now - requestWindowDays * dayMs))
			)
		);
	const elderMap = new Map(elders.map((e) => [e.code, e.n]));
	const volunteerMap = new Map(volunteers.map((v) => [v.code, v.n]));
	const rows = new Map<string, VolunteerCoverageRow>(
		communityCodes.map((code) => {
			const e = elderMap.get(code) ?? 0;
			const v = volunteerMap.get(code) ?? 0;
			return [
				code,
				{
					code,
					elders: e,
					volunteers: v,
					per1000Elders: per1000(v, e),
					answered: 0,
					unanswered: 0,
					pending: 0
				}
			];
		})
	);
	for (const r of requests) {
		const row = rows.get(r.code);
		const outcome = outcomeOf(r.status, r.wantedStartAt.getTime(), now);
		if (row && outcome !== 'none') row[outcome] += 1;
	}
	return [...rows.values()];
}
