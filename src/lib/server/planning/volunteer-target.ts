/**
 * 志愿服务站点覆盖社区综合服务设施 ≥ 80 % (专栏6): the share of community service centres that host a
 * volunteer station. Pure at the top, so the definition is tested at its threshold.
 *
 * - a community has a service centre (综合服务设施) when its facts report one (centre building area
 *   > 0), the same facts the indicator table's 综合服务设施覆盖率 reads; communities without facts are
 *   not counted (the indicator table lists them as missing);
 * - the centre hosts a station when an active volunteer station of the community stands at it:
 *   within `atCentreM` metres of the community's centre point (its 党群服务中心 address, where the
 *   demo city also puts the services that share the centre).
 */
import { and, eq, gt, inArray } from 'drizzle-orm';
import { haversineM } from '$lib/geo';
import type { Db } from '../db';
import { community, communityFacts, volunteerStation } from '../db/schema';
import type { TargetRow } from './targets';

export const volunteerStationTarget = 0.8;
/** a station this close to the community's centre point stands at the centre (a building and its yard) */
export const atCentreM = 150;

export interface CentreFacts {
	code: string;
	/** the community's facts report a service centre */
	hasCentre: boolean;
	/** an active volunteer station of the community stands at the centre */
	stationAtCentre: boolean;
}

export function evaluateVolunteerStations(centres: readonly CentreFacts[]): TargetRow {
	const withCentre = centres.filter((c) => c.hasCentre);
	const count = withCentre.filter((c) => c.stationAtCentre).length;
	const total = withCentre.length;
	const value = total === 0 ? 0 : count / total;
	// the epsilon of targets.ts: 4 of 5 meets 80 % despite floating point
	return {
		key: 'volunteer_station',
		unit: 'centres',
		count,
		total,
		value,
		target: volunteerStationTarget,
		met: total > 0 && value >= volunteerStationTarget - 1e-9
	};
}

/** The centre facts of some communities, from the database. */
export async function centreFacts(db: Db, communityCodes: string[]): Promise<CentreFacts[]> {
	if (communityCodes.length === 0) return [];
	const places = await db
		.select({
			code: community.code,
			lng: community.centreLng,
			lat: community.centreLat,
			centreAreaM2: communityFacts.centreAreaM2
		})
		.from(community)
		.leftJoin(communityFacts, eq(communityFacts.communityCode, community.code))
		.where(inArray(community.code, communityCodes));
	const stations = await db
		.select({
			code: volunteerStation.communityCode,
			lng: volunteerStation.lng,
			lat: volunteerStation.lat
		})
		.from(volunteerStation)
		.innerJoin(communityFacts, eq(communityFacts.communityCode, volunteerStation.communityCode))
		.where(
			and(
				inArray(volunteerStation.communityCode, communityCodes),
				eq(volunteerStation.active, true),
				gt(communityFacts.centreAreaM2, 0)
			)
		);
	return places.map((p) => ({
		code: p.code,
		hasCentre: (p.centreAreaM2 ?? 0) > 0,
		stationAtCentre: stations.some(
			(s) => s.code === p.code && haversineM(s.lng, s.lat, p.lng, p.lat) <= atCentreM
		)
	}));
}

export async function volunteerStationRow(db: Db, communityCodes: string[]): Promise<TargetRow> {
	return evaluateVolunteerStations(await centreFacts(db, communityCodes));
}
