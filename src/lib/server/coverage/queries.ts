import { categoryCoverage, summarizeCoverage, elderlySpeedMps, standardSpeedMps } from '$lib/geo';
import type { CategorySummary, IsochroneCollection, LngLat } from '$lib/geo';
import type { Db } from '../db';
import { coverageState } from './engine';

/** Households, elders and small children of a summary, with how many of each are covered. */
export function peopleCovered(s: CategorySummary) {
	return {
		households: s.households,
		householdsCovered: s.householdsCovered,
		elders: s.elderly,
		eldersCovered: s.elderlyCovered,
		children: s.children,
		childrenCovered: s.childrenCovered
	};
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** One residence's nearest facility per category at a speed, or null for an unknown residence. */
export async function residenceCoverage(db: Db, residenceId: number, speedMps: number) {
	const state = await coverageState(db);
	const index = state.residenceIndexById.get(String(residenceId));
	if (index === undefined) return null;
	const options = { speedMps, tierMinutesByCategory: state.tierMinutesByCategory };
	return {
		residenceId,
		speedMps,
		method: state.engine.method,
		reachable: state.matrix.residenceReachable[index] === 1,
		categories: state.matrix.categories.map((_, categoryIndex) => {
			const row = categoryCoverage(
				state.matrix,
				state.engine.facilities,
				index,
				categoryIndex,
				options
			);
			return {
				category: row.category,
				tierMinutes: state.tierMinutesByCategory[row.category],
				nearestId: row.nearestId === null ? null : Number(row.nearestId),
				distanceM: row.distanceM === null ? null : Math.round(row.distanceM),
				minutes: round1(row.minutes),
				within: row.within,
				secondId: row.secondId === null ? null : Number(row.secondId),
				secondDistanceM: row.secondDistanceM === null ? null : Math.round(row.secondDistanceM),
				secondMinutes: round1(row.secondMinutes),
				estimate: row.estimate
			};
		})
	};
}

/** Households, elders and small children within each category's tier, per community, at both speeds. */
export async function coverageSummary(db: Db) {
	const state = await coverageState(db);
	const { matrix, source } = state;
	const forSpeed = (speedMps: number, indices?: number[]) =>
		summarizeCoverage(
			matrix,
			source.residences,
			{ speedMps, tierMinutesByCategory: state.tierMinutesByCategory },
			indices
		).map((s) => ({
			category: s.category,
			tierMinutes: state.tierMinutesByCategory[s.category],
			...peopleCovered(s),
			householdShare:
				s.households === 0 ? 0 : Math.round((s.householdsCovered / s.households) * 1000) / 1000
		}));
	return {
		method: state.engine.method,
		speeds: { standard: standardSpeedMps, elderly: elderlySpeedMps },
		city: { standard: forSpeed(standardSpeedMps), elderly: forSpeed(elderlySpeedMps) },
		communities: [...state.residencesByCommunity].map(([communityCode, indices]) => ({
			communityCode,
			standard: forSpeed(standardSpeedMps, indices),
			elderly: forSpeed(elderlySpeedMps, indices)
		}))
	};
}

export const isochroneMinutes = [5, 10, 15] as const;

/** Walking bands from a point up to `minutes` (5, 10 or 15), largest first. */
export async function isochrones(
	db: Db,
	point: LngLat,
	minutes: number,
	speedMps: number
): Promise<IsochroneCollection> {
	return (await coverageState(db)).engine.isochrones(point, {
		minutes: isochroneMinutes.filter((m) => m <= minutes),
		speedMps
	});
}

/** One community's households, elders and small children within each category's tier, both speeds. */
export async function communityCoverage(db: Db, communityCode: string) {
	const state = await coverageState(db);
	const indices = state.residencesByCommunity.get(communityCode) ?? [];
	const at = (speedMps: number) =>
		summarizeCoverage(
			state.matrix,
			state.source.residences,
			{ speedMps, tierMinutesByCategory: state.tierMinutesByCategory },
			indices
		);
	const standard = at(standardSpeedMps);
	const elderly = at(elderlySpeedMps);
	return {
		method: state.engine.method,
		residences: indices.length,
		categories: standard.map((row, i) => ({
			category: row.category,
			tierMinutes: state.tierMinutesByCategory[row.category],
			households: row.households,
			elders: row.elderly,
			children: row.children,
			standard: {
				households: row.householdsCovered,
				elders: row.elderlyCovered,
				children: row.childrenCovered
			},
			elderly: {
				households: elderly[i].householdsCovered,
				elders: elderly[i].elderlyCovered,
				children: elderly[i].childrenCovered
			}
		}))
	};
}
