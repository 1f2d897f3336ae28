import type { CoverageMatrix } from './matrix';
import type { CoverageMethod, Facility, Residence } from './types';
import { standardSpeedMps } from './types';
import { walkingDistanceM, walkingMinutes } from './walking';

/** One residence's access to one category, at one walking speed. */
export interface CategoryCoverage {
	category: string;
	/** false when the residence is beyond the snap limit from every street */
	reachable: boolean;
	nearestId: string | null;
	distanceM: number | null;
	minutes: number | null;
	/** nearest reachable within the category's tier at this speed */
	within: boolean;
	secondId: string | null;
	secondDistanceM: number | null;
	secondMinutes: number | null;
	method: CoverageMethod;
	estimate: boolean;
}

export interface CoverageViewOptions {
	speedMps?: number;
	/** tier minutes per category code; categories not listed use `defaultTierMinutes` */
	tierMinutesByCategory?: Readonly<Record<string, number>>;
	defaultTierMinutes?: number;
}

function tierFor(options: CoverageViewOptions, category: string): number {
	return options.tierMinutesByCategory?.[category] ?? options.defaultTierMinutes ?? 15;
}

export function categoryCoverage(
	matrix: CoverageMatrix,
	facilities: readonly Facility[],
	residenceIndex: number,
	categoryIndex: number,
	options: CoverageViewOptions = {}
): CategoryCoverage {
	const speedMps = options.speedMps ?? standardSpeedMps;
	const category = matrix.categories[categoryIndex];
	const slot = residenceIndex * matrix.categories.length + categoryIndex;
	const nearest = matrix.nearestFacility[slot];
	const second = matrix.secondFacility[slot];
	const distanceM = nearest >= 0 ? matrix.nearestDistanceM[slot] : null;
	const secondDistanceM = second >= 0 ? matrix.secondDistanceM[slot] : null;
	const minutes = distanceM === null ? null : walkingMinutes(distanceM, speedMps);
	return {
		category,
		reachable: matrix.residenceReachable[residenceIndex] === 1,
		nearestId: nearest >= 0 ? facilities[nearest].id : null,
		distanceM,
		minutes,
		// compared in metres exactly as summarizeCoverage does, so a page and a summary never disagree
		within:
			distanceM !== null && distanceM <= walkingDistanceM(tierFor(options, category), speedMps),
		secondId: second >= 0 ? facilities[second].id : null,
		secondDistanceM,
		secondMinutes: secondDistanceM === null ? null : walkingMinutes(secondDistanceM, speedMps),
		method: matrix.method,
		estimate: matrix.method === 'estimate'
	};
}

export interface CategorySummary {
	category: string;
	residences: number;
	residencesCovered: number;
	households: number;
	householdsCovered: number;
	elderly: number;
	elderlyCovered: number;
	children: number;
	childrenCovered: number;
	method: CoverageMethod;
}

/**
 * Who is covered per category at a speed — over all residences or a subset (e.g. one community's
 * residence indices). Residences without household counts count as one household.
 */
export function summarizeCoverage(
	matrix: CoverageMatrix,
	residences: readonly Residence[],
	options: CoverageViewOptions = {},
	residenceIndices?: Iterable<number>
): CategorySummary[] {
	return summarizeCoverageOf(
		matrix,
		(r) => residences[r],
		options,
		residenceIndices ?? residences.keys()
	);
}

/** summarizeCoverage with the residences' counts read through `countsOf` (the CLI's flat arrays). */
export function summarizeCoverageOf(
	matrix: CoverageMatrix,
	countsOf: (r: number) => Pick<Residence, 'households' | 'elderly' | 'children'>,
	options: CoverageViewOptions,
	indices: Iterable<number>
): CategorySummary[] {
	const speedMps = options.speedMps ?? standardSpeedMps;
	const categoryCount = matrix.categories.length;
	const summaries = matrix.categories.map((category) => ({
		category,
		residences: 0,
		residencesCovered: 0,
		households: 0,
		householdsCovered: 0,
		elderly: 0,
		elderlyCovered: 0,
		children: 0,
		childrenCovered: 0,
		method: matrix.method
	}));
	const limitsM = matrix.categories.map((category) =>
		walkingDistanceM(tierFor(options, category), speedMps)
	);
	for (const r of indices) {
		const residence = countsOf(r);
		const households = residence.households ?? 1;
		const elderly = residence.elderly ?? 0;
		const children = residence.children ?? 0;
		for (let c = 0; c < categoryCount; c++) {
			const summary = summaries[c];
			const covered = matrix.nearestDistanceM[r * categoryCount + c] <= limitsM[c];
			summary.residences++;
			summary.households += households;
			summary.elderly += elderly;
			summary.children += children;
			if (!covered) continue;
			summary.residencesCovered++;
			summary.householdsCovered += households;
			summary.elderlyCovered += elderly;
			summary.childrenCovered += children;
		}
	}
	return summaries;
}
