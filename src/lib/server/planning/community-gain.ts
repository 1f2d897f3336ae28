import type { CoverageMatrix } from '../../geo/matrix';
import type { Residence } from '../../geo/types';
import { summarizeCoverage, type CategorySummary } from '../../geo/view';
import { walkingDistanceM } from '../../geo/walking';
import type { WhatIfResult } from '../../geo/whatif';

export type CoveredCounts = Pick<
	CategorySummary,
	'households' | 'householdsCovered' | 'elderly' | 'elderlyCovered' | 'children' | 'childrenCovered'
>;

export interface CommunityChange {
	communityCode: string;
	before: CoveredCounts;
	after: CoveredCounts;
}

/**
 * The communities hypothetical points (of one category, each a what-if against the same matrix)
 * change, with their coverage of the category before and after, at one speed. "After" adds the
 * residences any of them brings within the tier, so it equals a full recomputation with the points
 * added (tested) without copying the matrix.
 */
export function communityChanges(
	residences: readonly (Residence & { communityCode: string })[],
	residencesByCommunity: ReadonlyMap<string, number[]>,
	matrix: CoverageMatrix,
	whatIfs: WhatIfResult | readonly WhatIfResult[],
	tierMinutes: number,
	speedMps: number
): CommunityChange[] {
	const all = Array.isArray(whatIfs) ? whatIfs : [whatIfs as WhatIfResult];
	if (all.length === 0) return [];
	const limitM = walkingDistanceM(tierMinutes, speedMps);
	const categoryCount = matrix.categories.length;
	const c = all[0].categoryIndex;
	const gained = new Map<string, Set<number>>();
	for (const whatIf of all) {
		for (const { residenceIndex, distanceM } of whatIf.changes) {
			if (
				distanceM > limitM ||
				matrix.nearestDistanceM[residenceIndex * categoryCount + c] <= limitM
			)
				continue;
			const code = residences[residenceIndex].communityCode;
			gained.set(code, (gained.get(code) ?? new Set()).add(residenceIndex));
		}
	}
	const options = { speedMps, tierMinutesByCategory: { [all[0].facility.category]: tierMinutes } };
	return [...gained].map(([communityCode, newlyCovered]) => {
		const summary = summarizeCoverage(
			matrix,
			residences,
			options,
			residencesByCommunity.get(communityCode) ?? []
		)[c];
		const before: CoveredCounts = {
			households: summary.households,
			householdsCovered: summary.householdsCovered,
			elderly: summary.elderly,
			elderlyCovered: summary.elderlyCovered,
			children: summary.children,
			childrenCovered: summary.childrenCovered
		};
		const after = { ...before };
		for (const r of newlyCovered) {
			after.householdsCovered += residences[r].households ?? 1;
			after.elderlyCovered += residences[r].elderly ?? 0;
			after.childrenCovered += residences[r].children ?? 0;
		}
		return { communityCode, before, after };
	});
}

/** Per community changed by the points: its household share within the tier with them built. */
export function sharesAfter(
	residences: readonly (Residence & { communityCode: string })[],
	residencesByCommunity: ReadonlyMap<string, number[]>,
	matrix: CoverageMatrix,
	whatIfs: readonly WhatIfResult[],
	tierMinutes: number,
	speedMps: number
): Record<string, number> {
	return Object.fromEntries(
		communityChanges(residences, residencesByCommunity, matrix, whatIfs, tierMinutes, speedMps).map(
			(change) => [
				change.communityCode,
				change.after.households === 0 ? 0 : change.after.householdsCovered / change.after.households
			]
		)
	);
}
