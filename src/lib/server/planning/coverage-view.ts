import {
	elderlySpeedMps,
	standardSpeedMps,
	summarizeCoverage,
	walkingDistanceM,
	walkingMinutes
} from '$lib/geo';
import type { Db } from '../db';
import { coverageState, peopleCovered, type CoverageState } from '../coverage';
import * as categories from '../directory/categories';
import * as servicePoints from '../directory/service-points';
import * as residences from '../directory/residences';
import { scopeKey, type PlanningScope } from './scope';
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

type ScopeCoverage = {
	method: string;
	communities: CommunityCoverage[];
	total: Record<string, Record<SpeedName, Covered>>;
};
/** the coverage of the last few scopes asked for, at one data version */
const known = new Map<string, ScopeCoverage>();
const keptAnswers = 8;

/**
 * Coverage of every category at both speeds, per community in the scope and for the scope as a
 * whole; computed once per data version and scope (every planning page and export starts here).
 */
export async function communityCoverage(db: Db, scope: PlanningScope): Promise<ScopeCoverage> {
	const state = await coverageState(db);
	const key = `${state.version}|${scopeKey(scope)}`;
	const cached = known.get(key);
	if (cached) return cached;
	const answer = computeCoverage(state, scope);
	for (const old of known.keys())
		if (!old.startsWith(`${state.version}|`) || known.size >= keptAnswers) known.delete(old);
	known.set(key, answer);
	return answer;
}

function computeCoverage(state: CoverageState, scope: PlanningScope): ScopeCoverage {
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

/** A residence outside a category's tier, without its name (a big city has tens of thousands). */
export interface UncoveredHome {
	id: number;
	communityCode: string;
	point: [number, number];
	households: number;
	elders: number;
	children: number;
	/** the nearest point of the category (its id), null when none is within 3 km */
	nearestPointId: number | null;
	/** walking minutes to the nearest point of the category at this speed (null: none within 3 km) */
	nearestMinutes: number | null;
}

export interface UncoveredResidence extends UncoveredHome {
	name: string;
	nearestName: string | null;
}

/** Residences in the scope outside a category's tier at a speed, with their nearest point. */
export async function uncoveredHomes(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName
): Promise<UncoveredHome[]> {
	const state = await coverageState(db);
	const c = state.matrix.categories.indexOf(category);
	if (c < 0) return [];
	const limitM = walkingDistanceM(state.tierMinutesByCategory[category] ?? 15, speeds[speed]);
	const found: UncoveredHome[] = [];
	for (const community of scope.communities) {
		for (const r of state.residencesByCommunity.get(community.code) ?? []) {
			const slot = r * state.matrix.categories.length + c;
			const distanceM = state.matrix.nearestDistanceM[slot];
			if (distanceM <= limitM) continue;
			const residence = state.source.residences[r];
			const nearest = state.matrix.nearestFacility[slot];
			found.push({
				id: Number(residence.id),
				communityCode: community.code,
				point: residence.point,
				households: residence.households ?? 1,
				elders: residence.elderly ?? 0,
				children: residence.children ?? 0,
				nearestPointId: nearest >= 0 ? Number(state.engine.facilities[nearest].id) : null,
				nearestMinutes: Number.isFinite(distanceM)
					? Math.ceil(walkingMinutes(distanceM, speeds[speed]))
					: null
			});
		}
	}
	return found;
}

/** The names of these homes and of their nearest points (two lookups, however many homes). */
export async function describeHomes<T extends UncoveredHome>(
	db: Db,
	homes: T[]
): Promise<(T & { name: string; nearestName: string | null })[]> {
	const names = await residences.namesOf(
		db,
		homes.map((h) => h.id)
	);
	const pointIds = [
		...new Set(homes.flatMap((h) => (h.nearestPointId === null ? [] : [h.nearestPointId])))
	];
	const pointNames = new Map<number, string>();
	for (let i = 0; i < pointIds.length; i += 10_000)
		for (const p of await servicePoints.listByIds(db, pointIds.slice(i, i + 10_000)))
			pointNames.set(p.id, p.name);
	return homes.map((h) => ({
		...h,
		name: names.get(h.id) ?? String(h.id),
		nearestName: h.nearestPointId === null ? null : (pointNames.get(h.nearestPointId) ?? null)
	}));
}

/** Every uncovered residence with its names (the GeoJSON export). */
export async function uncoveredResidences(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName
): Promise<UncoveredResidence[]> {
	return describeHomes(db, await uncoveredHomes(db, scope, category, speed));
}

/** per page of the uncovered homes list */
export const uncoveredPageSize = 100;

/**
 * One page of the uncovered homes, largest first (households, then id), with how many there are
 * and the households they hold: what the coverage page lists, however big the city.
 */
export async function uncoveredPage(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName,
	page: number
) {
	const all = (await uncoveredHomes(db, scope, category, speed)).sort(
		(a, b) => b.households - a.households || a.id - b.id
	);
	const pages = Math.max(1, Math.ceil(all.length / uncoveredPageSize));
	const current = Math.min(Math.max(1, page), pages);
	const rows = all.slice((current - 1) * uncoveredPageSize, current * uncoveredPageSize);
	return {
		total: all.length,
		households: all.reduce((sum, h) => sum + h.households, 0),
		page: current,
		pages,
		rows: await describeHomes(db, rows)
	};
}

export async function categoryList(db: Db) {
	return (await categories.list(db)).map(
		({ code, nameZh, nameEn, tierMinutes, colour, icon, bookable }) => ({
			code,
			nameZh,
			nameEn,
			tierMinutes,
			colour,
			icon,
			bookable
		})
	);
}
