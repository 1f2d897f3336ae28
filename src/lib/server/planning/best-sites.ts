import type { CoverageEngine } from '../../geo/engine';
import type { CoverageMatrix } from '../../geo/matrix';
import type { Facility, LngLat, Residence } from '../../geo/types';
import { elderlySpeedMps, standardSpeedMps } from '../../geo/types';
import { applyWhatIf, whatIfGain, type WhatIfGain, type WhatIfResult } from '../../geo/whatif';
import { walkingDistanceM } from '../../geo/walking';
import { peopleMeasure, type PeopleMeasure } from './weights';
import { sharesAfter } from './community-gain';

export interface SiteFigures {
	point: LngLat;
	/** newly within the tier at the standard speed */
	standard: WhatIfGain;
	/** newly within the tier at the elderly speed */
	elderly: WhatIfGain;
}

export interface BestSitesInput {
	category: string;
	tierMinutes: number;
	candidates: readonly LngLat[];
	k: number;
	/** whom the search maximises (default: the category's people measure) */
	measure?: PeopleMeasure;
	speedMps?: number;
}

export interface BestSitesResult {
	sites: (SiteFigures & { candidate: number })[];
	/** candidate evaluations (initial pass + lazy re-evaluations) */
	evaluations: number;
}

function hypothetical(category: string, point: LngLat, n: number): Facility {
	return { id: `what-if-${n}`, category, point };
}

/** Who one new point brings within the tier, at both speeds, against `matrix`. */
export function siteFigures(
	engine: CoverageEngine,
	matrix: CoverageMatrix,
	whatIf: WhatIfResult,
	tierMinutes: number
): SiteFigures {
	const { residences } = engine;
	return {
		point: whatIf.facility.point,
		standard: whatIfGain(residences, matrix, whatIf, tierMinutes, standardSpeedMps),
		elderly: whatIfGain(residences, matrix, whatIf, tierMinutes, elderlySpeedMps)
	};
}

/**
 * Greedy maximal coverage, evaluated lazily (CELF): a candidate's gain can only shrink as sites
 * are added, so a stale gain is an upper bound and only the top of the queue is re-evaluated.
 * Each evaluation is one what-if bounded at the tier's walking distance; each pick then updates
 * the matrix with a full-cut-off what-if, so the next picks see the new site.
 */
export function bestSites(
	engine: CoverageEngine,
	baseMatrix: CoverageMatrix,
	input: BestSitesInput
): BestSitesResult {
	const speedMps = input.speedMps ?? standardSpeedMps;
	const measure = input.measure ?? peopleMeasure(input.category);
	const limitM = walkingDistanceM(input.tierMinutes, speedMps);
	let matrix = baseMatrix;
	let evaluations = 0;
	const score = (candidate: number): number => {
		evaluations++;
		const facility = hypothetical(input.category, input.candidates[candidate], candidate);
		const bounded = engine.whatIf(
			{ ...matrix, cutoffM: Math.min(limitM, matrix.cutoffM) },
			facility
		);
		const gain = whatIfGain(engine.residences, matrix, bounded, input.tierMinutes, speedMps);
		// ties go to more households
		return gain[measure] + gain.households * 1e-6;
	};
	const heap = new MaxHeap();
	input.candidates.forEach((_, candidate) => heap.push(candidate, score(candidate), 0));
	const sites: BestSitesResult['sites'] = [];
	while (sites.length < input.k && heap.size > 0) {
		const top = heap.pop()!;
		if (top.round !== sites.length) {
			heap.push(top.candidate, score(top.candidate), sites.length);
			continue;
		}
		if (top.score <= 0) break;
		const facility = hypothetical(input.category, input.candidates[top.candidate], top.candidate);
		const full = engine.whatIf(matrix, facility);
		sites.push({
			candidate: top.candidate,
			...siteFigures(engine, matrix, full, input.tierMinutes)
		});
		matrix = applyWhatIf(matrix, full, engine.facilities.length + sites.length - 1);
	}
	return { sites, evaluations };
}

/** What the suggestion search needs of the engine's state (the server's or the worker's copy). */
export interface SearchState {
	engine: CoverageEngine;
	matrix: CoverageMatrix;
	residences: readonly (Residence & { communityCode: string })[];
	residencesByCommunity: ReadonlyMap<string, number[]>;
}

export interface SuggestionInput {
	category: string;
	tierMinutes: number;
	/** residence indices the sites may stand at */
	candidates: Int32Array;
	k: number;
	speedMps: number;
}

export interface SuggestionSearch {
	sites: (SiteFigures & { candidate: number; residence: number })[];
	evaluations: number;
	/** per community the sites change: its tier share with all of them built (and 15-minute fitness) */
	shareAfter: { tier: Record<string, number>; fitness15?: Record<string, number> };
}

/**
 * The best `k` sites among the candidate residences, and what they do together to the communities'
 * shares: the computation behind the what-if page's suggestions, run in the planning worker.
 */
export function searchSuggestions(state: SearchState, input: SuggestionInput): SuggestionSearch {
	const { engine, matrix, residences, residencesByCommunity } = state;
	const result = bestSites(engine, matrix, {
		category: input.category,
		tierMinutes: input.tierMinutes,
		candidates: Array.from(input.candidates, (r) => residences[r].point),
		k: input.k
	});
	const sites = result.sites.map((site) => ({
		...site,
		residence: input.candidates[site.candidate]
	}));
	// every site against today's matrix: together they cover the union of what each covers
	const whatIfs = sites.map((site, i) =>
		engine.whatIf(matrix, {
			id: `suggested-${i}`,
			category: input.category,
			point: residences[site.residence].point
		})
	);
	const shares = (tierMinutes: number) =>
		sharesAfter(residences, residencesByCommunity, matrix, whatIfs, tierMinutes, input.speedMps);
	return {
		sites,
		evaluations: result.evaluations,
		shareAfter: {
			tier: whatIfs.length ? shares(input.tierMinutes) : {},
			// the fitness target is the 15-minute fitness circle, whatever the category's tier
			fitness15: input.category === 'fitness' && whatIfs.length ? shares(15) : undefined
		}
	};
}

interface Entry {
	candidate: number;
	score: number;
	round: number;
}

/** A binary max-heap on score (ties: lower candidate first, so results are deterministic). */
class MaxHeap {
	private items: Entry[] = [];

	get size() {
		return this.items.length;
	}

	private above(a: Entry, b: Entry) {
		return a.score > b.score || (a.score === b.score && a.candidate < b.candidate);
	}

	push(candidate: number, score: number, round: number) {
		const items = this.items;
		items.push({ candidate, score, round });
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.above(items[i], items[parent])) break;
			[items[i], items[parent]] = [items[parent], items[i]];
			i = parent;
		}
	}

	pop(): Entry | undefined {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length > 0 && last) {
			items[0] = last;
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				const right = left + 1;
				let best = i;
				if (left < items.length && this.above(items[left], items[best])) best = left;
				if (right < items.length && this.above(items[right], items[best])) best = right;
				if (best === i) break;
				[items[i], items[best]] = [items[best], items[i]];
				i = best;
			}
		}
		return top;
	}
}
