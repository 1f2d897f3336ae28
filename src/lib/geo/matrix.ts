import { NearestTwoSearch } from './dijkstra';
import type { PreparedCoverage } from './prepared';
import type { CoverageMethod } from './types';
import type { WalkingNetwork } from './network';

/** Walks longer than this are not searched (≈ 42 minutes at the standard speed). */
export const defaultCutoffM = 3000;

/**
 * Distances for every residence × category, speed-independent: minutes and tiers are views over
 * it (see view.ts). Entry [residence * categories.length + category]; facility indices point into
 * the engine's facilities, -1 where none is within the cut-off (distance Infinity).
 */
export interface CoverageMatrix {
	method: CoverageMethod;
	categories: readonly string[];
	residenceCount: number;
	cutoffM: number;
	/** false for residences farther than the snap limit from any street (network method only) */
	residenceReachable: Uint8Array;
	nearestFacility: Int32Array;
	nearestDistanceM: Float64Array;
	secondFacility: Int32Array;
	secondDistanceM: Float64Array;
}

export function emptyMatrix(
	method: CoverageMethod,
	categories: readonly string[],
	residenceCount: number,
	cutoffM: number
): CoverageMatrix {
	const size = residenceCount * categories.length;
	return {
		method,
		categories,
		residenceCount,
		cutoffM,
		residenceReachable: new Uint8Array(residenceCount).fill(1),
		nearestFacility: new Int32Array(size).fill(-1),
		nearestDistanceM: new Float64Array(size).fill(Infinity),
		secondFacility: new Int32Array(size).fill(-1),
		secondDistanceM: new Float64Array(size).fill(Infinity)
	};
}

/** The two best distinct candidates seen so far; one reused object, so no allocation per residence. */
export interface TopTwo {
	firstM: number;
	first: number;
	secondM: number;
	second: number;
}

export function resetTopTwo(top: TopTwo): void {
	top.firstM = Infinity;
	top.first = -1;
	top.secondM = Infinity;
	top.second = -1;
}

export function considerCandidate(top: TopTwo, distanceM: number, facility: number): void {
	if (facility === top.first) {
		if (distanceM < top.firstM) top.firstM = distanceM;
	} else if (distanceM < top.firstM) {
		top.secondM = top.firstM;
		top.second = top.first;
		top.firstM = distanceM;
		top.first = facility;
	} else if (facility === top.second) {
		if (distanceM < top.secondM) top.secondM = distanceM;
	} else if (distanceM < top.secondM) {
		top.secondM = distanceM;
		top.second = facility;
	}
}

/** What the matrix reads of a PreparedCoverage (the CLI builds it from flat arrays directly). */
export type MatrixInput = Pick<
	PreparedCoverage,
	'categories' | 'facilityCategory' | 'facilitySnap' | 'residenceSnap' | 'facilitiesByEdge'
> & { network: MatrixNetwork };

/** The parts of the network the matrix walks (a worker thread gets only these). */
export type MatrixNetwork = Pick<
	WalkingNetwork,
	| 'nodeCount'
	| 'edgeFrom'
	| 'edgeTo'
	| 'edgeLengthM'
	| 'adjacencyStart'
	| 'adjacencyTarget'
	| 'adjacencyWeightM'
>;

export function facilitiesPerCategory(prepared: MatrixInput): number[][] {
	const lists: number[][] = prepared.categories.map(() => []);
	prepared.facilityCategory.forEach((category, facility) => {
		if (category >= 0 && prepared.facilitySnap.edge[facility] >= 0) lists[category].push(facility);
	});
	return lists;
}

/** One two-label multi-source Dijkstra per category, then every residence reads its edge's ends. */
export function computeNetworkMatrix(
	prepared: MatrixInput,
	cutoffM = defaultCutoffM,
	search = new NearestTwoSearch(prepared.network)
): CoverageMatrix {
	const matrix = emptyMatrix(
		'network',
		prepared.categories,
		prepared.residenceSnap.edge.length,
		cutoffM
	);
	prepared.residenceSnap.edge.forEach(
		(edge, r) => (matrix.residenceReachable[r] = edge >= 0 ? 1 : 0)
	);
	const perCategory = facilitiesPerCategory(prepared);
	for (let c = 0; c < prepared.categories.length; c++) {
		fillCategoryColumn(prepared, c, perCategory[c], cutoffM, search, matrix);
	}
	return matrix;
}

/**
 * Category c's column of the matrix: the search from its facilities, then every residence. The
 * columns are independent, so the CLI's worker threads fill them in parallel into shared arrays.
 */
export function fillCategoryColumn(
	prepared: MatrixInput,
	c: number,
	facilities: readonly number[],
	cutoffM: number,
	search: NearestTwoSearch,
	matrix: Pick<
		CoverageMatrix,
		'nearestFacility' | 'nearestDistanceM' | 'secondFacility' | 'secondDistanceM'
	>
): void {
	const { network, categories, facilitySnap, residenceSnap, facilitiesByEdge } = prepared;
	const { edgeFrom, edgeTo, edgeLengthM } = network;
	const categoryCount = categories.length;
	const residenceCount = residenceSnap.edge.length;
	const top: TopTwo = { firstM: Infinity, first: -1, secondM: Infinity, second: -1 };
	const { labelDistanceM, labelSource } = search;
	search.begin(cutoffM);
	for (const f of facilities) {
		const edge = facilitySnap.edge[f];
		const offM = facilitySnap.offNetworkM[f];
		const alongM = facilitySnap.alongM[f];
		search.offer(edgeFrom[edge], offM + alongM, f, cutoffM);
		search.offer(edgeTo[edge], offM + edgeLengthM[edge] - alongM, f, cutoffM);
	}
	search.run(cutoffM);
	for (let r = 0; r < residenceCount; r++) {
		const edge = residenceSnap.edge[r];
		if (edge < 0) continue;
		const alongM = residenceSnap.alongM[r];
		const offM = residenceSnap.offNetworkM[r];
		const fromLabel = 2 * edgeFrom[edge];
		const toLabel = 2 * edgeTo[edge];
		const toEndM = edgeLengthM[edge] - alongM;
		resetTopTwo(top);
		considerCandidate(top, labelDistanceM[fromLabel] + alongM, labelSource[fromLabel]);
		considerCandidate(top, labelDistanceM[fromLabel + 1] + alongM, labelSource[fromLabel + 1]);
		considerCandidate(top, labelDistanceM[toLabel] + toEndM, labelSource[toLabel]);
		considerCandidate(top, labelDistanceM[toLabel + 1] + toEndM, labelSource[toLabel + 1]);
		// a facility on the same edge is reached directly along it, without passing a junction
		for (let i = facilitiesByEdge.start[edge]; i < facilitiesByEdge.start[edge + 1]; i++) {
			const f = facilitiesByEdge.items[i];
			if (prepared.facilityCategory[f] !== c) continue;
			const directM = facilitySnap.offNetworkM[f] + Math.abs(facilitySnap.alongM[f] - alongM);
			considerCandidate(top, directM, f);
		}
		const slot = r * categoryCount + c;
		if (top.first >= 0 && top.firstM + offM <= cutoffM) {
			matrix.nearestFacility[slot] = top.first;
			matrix.nearestDistanceM[slot] = top.firstM + offM;
		}
		if (top.second >= 0 && top.secondM + offM <= cutoffM) {
			matrix.secondFacility[slot] = top.second;
			matrix.secondDistanceM[slot] = top.secondM + offM;
		}
	}
}
