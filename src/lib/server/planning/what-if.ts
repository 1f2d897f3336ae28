import { walkingDistanceM, type LngLat } from '$lib/geo';
import type { Db } from '../db';
import { coverageState, type CoverageState } from '../coverage';
import * as residences from '../directory/residences';
import {
	siteFigures,
	type SiteFigures,
	type SuggestionInput,
	type SuggestionSearch
} from './best-sites';
import { searchInWorker } from './searches';
import { communityChanges, sharesAfter, type CoveredCounts } from './community-gain';
import { speeds, type SpeedName } from './coverage-view';
import type { PlanningScope } from './scope';
import { targetChanges, type TargetChange } from './targets';
import { targetFacts } from './targets-view';
import { roundShare } from './weights';
import type { WhatIfResult } from '../../geo/whatif';

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
	/** the plan's targets of the category, before → after */
	targets: TargetChange[];
}

/** A home counts as "near" a clicked point up to this distance (its community gets the point). */
const communityReachM = 1000;

/** The community a clicked point would stand in: that of the nearest home within 1 km. */
function communityAt(state: CoverageState, point: LngLat): string | null {
	const metresPerDegreeLng = 111_320 * Math.cos((point[1] * Math.PI) / 180);
	let best: string | null = null;
	let bestM = communityReachM;
	for (const r of state.source.residences) {
		const dx = (r.point[0] - point[0]) * metresPerDegreeLng;
		const dy = (r.point[1] - point[1]) * 110_540;
		const m = Math.hypot(dx, dy);
		if (m < bestM) [best, bestM] = [r.communityCode, m];
	}
	return best;
}

/**
 * What new points do to the plan's targets of their category, from their communities' shares with
 * the points built (sharesAfter): the communities they stand in have it, and the shares they raise
 * count too.
 */
async function targetEffect(
	db: Db,
	scope: PlanningScope,
	category: string,
	shareAfter: SuggestionSearch['shareAfter'],
	communityCodes: string[]
): Promise<TargetChange[]> {
	return targetChanges((await targetFacts(db, scope)).communities, {
		category,
		communityCodes,
		tierShareAfter: shareAfter.tier,
		fitness15ShareAfter: shareAfter.fitness15
	});
}

/** The shares after `whatIfs` (against the engine's matrix), as targetEffect takes them. */
function sharesWith(state: CoverageState, category: string, whatIfs: WhatIfResult[]) {
	const shares = (tierMinutes: number) =>
		sharesAfter(
			state.source.residences,
			state.residencesByCommunity,
			state.matrix,
			whatIfs,
			tierMinutes,
			speeds.standard
		);
	return {
		tier: shares(state.tierMinutesByCategory[category] ?? 15),
		fitness15: category === 'fitness' ? shares(15) : undefined
	};
}

const share = (counts: CoveredCounts) => roundShare(counts.householdsCovered, counts.households);

/**
 * A hypothetical service point: who it brings within the category's tier at both speeds and the
 * community shares before → after. Nothing is saved; the cached matrix is not changed.
 */
export async function evaluateWhatIf(
	db: Db,
	scope: PlanningScope,
	category: string,
	point: LngLat,
	/** the community of the chosen building; a clicked point takes its nearest home's */
	communityCode: string | null = null
): Promise<WhatIfAnswer> {
	const state = await coverageState(db);
	const tierMinutes = state.tierMinutesByCategory[category] ?? 15;
	const whatIf = state.engine.whatIf(state.matrix, { id: 'what-if', category, point });
	const home = communityCode ?? communityAt(state, point);
	const standsIn = home ? [home] : [];
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
		communities: { standard: forSpeed('standard'), elderly: forSpeed('elderly') },
		targets: whatIf.reachable
			? await targetEffect(db, scope, category, sharesWith(state, category, [whatIf]), standsIn)
			: []
	};
}

export const maxCandidates = 5000;

export interface SuggestedSite extends SiteFigures {
	rank: number;
	residenceId: number;
	residenceName: string;
	communityName: string;
}

export interface Suggestions {
	sites: SuggestedSite[];
	/** the plan's targets of the category with all the sites built */
	targets: TargetChange[];
}

/** The candidate sites: the scope's residences outside the category's tier, at most maxCandidates. */
function candidateResidences(state: CoverageState, scope: PlanningScope, category: string) {
	const c = state.matrix.categories.indexOf(category);
	const limitM = walkingDistanceM(state.tierMinutesByCategory[category] ?? 15, speeds.standard);
	const candidates: number[] = [];
	for (const community of scope.communities) {
		for (const r of state.residencesByCommunity.get(community.code) ?? []) {
			if (state.matrix.nearestDistanceM[r * state.matrix.categories.length + c] > limitM)
				candidates.push(r);
		}
	}
	const stride = Math.max(1, Math.ceil(candidates.length / maxCandidates));
	return Int32Array.from(candidates.filter((_, i) => i % stride === 0));
}

/** The search's input for suggestSites (exported for the worker-versus-in-thread test). */
export function suggestionInput(
	state: CoverageState,
	scope: PlanningScope,
	category: string,
	k: number
): SuggestionInput {
	return {
		category,
		tierMinutes: state.tierMinutesByCategory[category] ?? 15,
		candidates: candidateResidences(state, scope, category),
		k,
		speedMps: speeds.standard
	};
}

/**
 * The best `k` new sites for a category: lazy greedy maximal coverage over candidate sites at
 * the uncovered residences of the scope (each is on the street network: residences snap to it).
 * The search runs in the planning worker (searches.ts); names and targets are read here.
 */
export async function suggestSites(
	db: Db,
	scope: PlanningScope,
	category: string,
	k: number
): Promise<Suggestions> {
	const state = await coverageState(db);
	if (!state.matrix.categories.includes(category)) return { sites: [], targets: [] };
	const found = await searchInWorker(state, suggestionInput(state, scope, category, k));
	const chosen = found.sites.map((site) => state.source.residences[site.residence]);
	const communities = [...new Set(chosen.map((r) => r.communityCode))];
	const names = new Map<string, residences.ResidenceListItem>();
	for (const community of communities)
		for (const r of await residences.list(db, { community })) names.set(String(r.id), r);
	const sites = found.sites.map(({ residence: _, candidate, ...site }, i) => {
		const residence = chosen[i];
		const row = names.get(residence.id);
		return {
			...site,
			candidate,
			rank: i + 1,
			residenceId: Number(residence.id),
			residenceName: row?.name ?? residence.id,
			communityName: row?.communityName ?? ''
		};
	});
	return {
		sites,
		targets: sites.length
			? await targetEffect(db, scope, category, found.shareAfter, communities)
			: []
	};
}
