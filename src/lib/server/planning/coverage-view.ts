import {
	elderlySpeedMps,
	standardSpeedMps,
	summarizeCoverage,
	walkingDistanceM,
	walkingMinutes
} from '$lib/geo';
import type { Db } from '../db';
import { coverageState, peopleCovered } from '../coverage';
import * as categories from '../directory/categories';
import * as servicePoints from '../directory/service-points';
import * as residences from '../directory/residences';
import type { PlanningScope } from './scope';
import { roundShare } from './weights';
import type { Covered } from '$lib/coverage-types';

export type SpeedName = 'standard' | 'elderly';
export const speeds: Record<SpeedName, number> = {
	standard: standardSpeedMps,
	elderly: elderlySpeedMps
};

export interface CommunityCoverage {
	code: string;
	name: string;
	kind: '社区' | '村';
	streetName: string;
	centre: [number, number];
	/** per category code, at both speeds */
	byCategory: Record<string, Record<SpeedName, Covered>>;
}

function covered(s: ReturnType<typeof summarizeCoverage>[number]): Covered {
	return { ...peopleCovered(s), share: roundShare(s.householdsCovered, s.households) };
}

/** Coverage of every category at both speeds, per community in the scope and for the scope as a whole. */
export function communityCoverage(db: Db, scope: PlanningScope) {
	const state = coverageState(db);
	const options = (speed: SpeedName) => ({
		speedMps: speeds[speed],
		tierMinutesByCategory: state.tierMinutesByCategory
	});
	const summarize = (indices: number[]) => {
		const bySpeed = {
			standard: summarizeCoverage(
				state.matrix,
				state.source.residences,
				options('standard'),
				indices
			),
			elderly: summarizeCoverage(state.matrix, state.source.residences, options('elderly'), indices)
		};
		return Object.fromEntries(
			state.matrix.categories.map((code, c) => [
				code,
				{ standard: covered(bySpeed.standard[c]), elderly: covered(bySpeed.elderly[c]) }
			])
		);
	};
	const rows: CommunityCoverage[] = scope.communities.map((c) => ({
		code: c.code,
		name: c.name,
		kind: c.kind,
		streetName: c.streetName,
		centre: c.centre,
		byCategory: summarize(state.residencesByCommunity.get(c.code) ?? [])
	}));
	const all = scope.communities.flatMap((c) => state.residencesByCommunity.get(c.code) ?? []);
	return { method: state.engine.method, communities: rows, total: summarize(all) };
}

export interface UncoveredResidence {
	id: number;
	name: string;
	communityCode: string;
	point: [number, number];
	households: number;
	elders: number;
	children: number;
	nearestName: string | null;
	/** walking minutes to the nearest point of the category at this speed (null: none within 3 km) */
	nearestMinutes: number | null;
}

/** Residences in the scope outside a category's tier at a speed, with their nearest point. */
export function uncoveredResidences(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName
): UncoveredResidence[] {
	const state = coverageState(db);
	const c = state.matrix.categories.indexOf(category);
	if (c < 0) return [];
	const limitM = walkingDistanceM(state.tierMinutesByCategory[category] ?? 15, speeds[speed]);
	const names = new Map(residences.list(db).map((r) => [r.id, r.name]));
	const pointNames = new Map(servicePoints.list(db).map((p) => [String(p.id), p.name]));
	const found: UncoveredResidence[] = [];
	for (const community of scope.communities) {
		for (const r of state.residencesByCommunity.get(community.code) ?? []) {
			const slot = r * state.matrix.categories.length + c;
			const distanceM = state.matrix.nearestDistanceM[slot];
			if (distanceM <= limitM) continue;
			const residence = state.source.residences[r];
			const nearest = state.matrix.nearestFacility[slot];
			found.push({
				id: Number(residence.id),
				name: names.get(Number(residence.id)) ?? residence.id,
				communityCode: community.code,
				point: residence.point,
				households: residence.households ?? 1,
				elders: residence.elderly ?? 0,
				children: residence.children ?? 0,
				nearestName:
					nearest >= 0 ? (pointNames.get(state.engine.facilities[nearest].id) ?? null) : null,
				nearestMinutes: Number.isFinite(distanceM)
					? Math.ceil(walkingMinutes(distanceM, speeds[speed]))
					: null
			});
		}
	}
	return found;
}

export function categoryList(db: Db) {
	return categories
		.list(db)
		.map(({ code, nameZh, nameEn, tierMinutes, colour, icon, bookable }) => ({
			code,
			nameZh,
			nameEn,
			tierMinutes,
			colour,
			icon,
			bookable
		}));
}
