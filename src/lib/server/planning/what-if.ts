import type { LngLat } from '$lib/geo';
import { coverageState } from '../coverage';
import * as residences from '../directory/residences';
import { bestSites, siteFigures, type SiteFigures } from './best-sites';
import { communityChanges, type CoveredCounts } from './community-gain';
import { speeds, type SpeedName } from './coverage-view';
import type { PlanningScope } from './scope';
import { roundShare } from './weights';

export interface CommunityShare {
	code: string;
	name: string;
	before: number;
	after: number;
	householdsGained: number;
}

export interface WhatIfAnswer extends SiteFigures {
	category: string;
	tierMinutes: number;
	reachable: boolean;
	communities: Record<SpeedName, CommunityShare[]>;
}

const share = (counts: CoveredCounts) => roundShare(counts.householdsCovered, counts.households);

/**
 * A hypothetical service point: who it brings within the category's tier at both speeds and the
 * community shares before → after. Nothing is saved; the cached matrix is not changed.
 */
export function evaluateWhatIf(
	scope: PlanningScope,
	category: string,
	point: LngLat
): WhatIfAnswer {
	const state = coverageState();
	const tierMinutes = state.tierMinutesByCategory[category] ?? 15;
	const whatIf = state.engine.whatIf(state.matrix, { id: 'what-if', category, point });
	const figures = siteFigures(state.engine, state.matrix, whatIf, tierMinutes);
	const names = new Map(scope.communities.map((c) => [c.code, c.name]));
	const forSpeed = (speed: SpeedName) =>
		communityChanges(
			state.source.residences,
			state.residencesByCommunity,
			state.matrix,
			whatIf,
			tierMinutes,
			speeds[speed]
		)
			.filter((change) => scope.has(change.communityCode))
			.map((change) => ({
				code: change.communityCode,
				name: names.get(change.communityCode) ?? change.communityCode,
				before: share(change.before),
				after: share(change.after),
				householdsGained: change.after.householdsCovered - change.before.householdsCovered
			}))
			.sort((a, b) => b.householdsGained - a.householdsGained);
	return {
		...figures,
		category,
		tierMinutes,
		reachable: whatIf.reachable,
		communities: { standard: forSpeed('standard'), elderly: forSpeed('elderly') }
	};
}

export const maxCandidates = 5000;

export interface SuggestedSite extends SiteFigures {
	rank: number;
	residenceId: number;
	residenceName: string;
	communityName: string;
}

/**
 * The best `k` new sites for a category: lazy greedy maximal coverage over candidate sites at
 * the uncovered residences of the scope (each is on the street network: residences snap to it).
 */
export function suggestSites(scope: PlanningScope, category: string, k: number): SuggestedSite[] {
	const state = coverageState();
	const c = state.matrix.categories.indexOf(category);
	if (c < 0) return [];
	const tierMinutes = state.tierMinutesByCategory[category] ?? 15;
	const limitM = tierMinutes * 60 * speeds.standard;
	const candidates: number[] = [];
	for (const community of scope.communities) {
		for (const r of state.residencesByCommunity.get(community.code) ?? []) {
			if (state.matrix.nearestDistanceM[r * state.matrix.categories.length + c] > limitM)
				candidates.push(r);
		}
	}
	const stride = Math.max(1, Math.ceil(candidates.length / maxCandidates));
	const sampled = candidates.filter((_, i) => i % stride === 0);
	const result = bestSites(state.engine, state.matrix, {
		category,
		tierMinutes,
		candidates: sampled.map((r) => state.source.residences[r].point),
		k
	});
	const names = new Map(residences.list().map((r) => [String(r.id), r]));
	return result.sites.map((site, i) => {
		const residence = state.source.residences[sampled[site.candidate]];
		const row = names.get(residence.id);
		return {
			...site,
			rank: i + 1,
			residenceId: Number(residence.id),
			residenceName: row?.name ?? residence.id,
			communityName: row?.communityName ?? ''
		};
	});
}
