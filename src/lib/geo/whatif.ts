import { ShortestPathTree } from './dijkstra';
import type { CoverageMatrix } from './matrix';
import type { PreparedCoverage } from './prepared';
import { snapPoint } from './snap';
import type { Facility, Residence } from './types';
import { standardSpeedMps } from './types';
import { walkingDistanceM } from './walking';

/** A residence the hypothetical facility would serve better than its current nearest or second. */
export interface WhatIfChange {
	residenceIndex: number;
	distanceM: number;
}

export interface WhatIfResult {
	facility: Facility;
	/** false when the point is beyond the snap limit: it would serve nobody */
	reachable: boolean;
	categoryIndex: number;
	changes: WhatIfChange[];
}

/**
 * Adds one hypothetical facility without recomputing the city: one bounded Dijkstra from the new
 * point (cut-off = the matrix's) and a comparison with the current distances of the residences on
 * the edges it reaches. Equal to a full recompute with the facility added (tested).
 */
export function whatIfFacility(
	prepared: PreparedCoverage,
	tree: ShortestPathTree,
	matrix: CoverageMatrix,
	facility: Facility
): WhatIfResult {
	const categoryIndex = matrix.categories.indexOf(facility.category);
	const result: WhatIfResult = { facility, reachable: false, categoryIndex, changes: [] };
	tree.begin();
	const snapped = snapPoint(prepared.segments, facility.point, prepared.maxSnapDistanceM);
	if (!snapped || categoryIndex < 0) return result;
	result.reachable = true;
	const { network, residenceSnap, residencesByEdge } = prepared;
	const { edgeFrom, edgeTo, edgeLengthM, adjacencyStart, adjacencyEdge } = network;
	const cutoffM = matrix.cutoffM;
	tree.seed(edgeFrom[snapped.edge], snapped.offNetworkM + snapped.toFromM, 0, cutoffM);
	tree.seed(edgeTo[snapped.edge], snapped.offNetworkM + snapped.toToM, 1, cutoffM);
	tree.run(cutoffM);

	const seen = new Set<number>();
	const categoryCount = matrix.categories.length;
	const visitEdge = (edge: number) => {
		for (let i = residencesByEdge.start[edge]; i < residencesByEdge.start[edge + 1]; i++) {
			const r = residencesByEdge.items[i];
			if (seen.has(r)) continue;
			seen.add(r);
			const alongM = residenceSnap.alongM[r];
			let networkM = Math.min(
				tree.distanceM[edgeFrom[edge]] + alongM,
				tree.distanceM[edgeTo[edge]] + edgeLengthM[edge] - alongM
			);
			if (edge === snapped.edge) {
				networkM = Math.min(networkM, snapped.offNetworkM + Math.abs(snapped.alongM - alongM));
			}
			const distanceM = networkM + residenceSnap.offNetworkM[r];
			if (distanceM > cutoffM) continue;
			if (distanceM < matrix.secondDistanceM[r * categoryCount + categoryIndex]) {
				result.changes.push({ residenceIndex: r, distanceM });
			}
		}
	};
	visitEdge(snapped.edge);
	for (let i = 0; i < tree.reachedCount; i++) {
		const node = tree.reached[i];
		for (let a = adjacencyStart[node]; a < adjacencyStart[node + 1]; a++)
			visitEdge(adjacencyEdge[a]);
	}
	return result;
}

/** The matrix as it would be with the facility added (at index `facilityIndex`); a copy. */
export function applyWhatIf(
	matrix: CoverageMatrix,
	whatIf: WhatIfResult,
	facilityIndex: number
): CoverageMatrix {
	const updated: CoverageMatrix = {
		...matrix,
		nearestFacility: matrix.nearestFacility.slice(),
		nearestDistanceM: matrix.nearestDistanceM.slice(),
		secondFacility: matrix.secondFacility.slice(),
		secondDistanceM: matrix.secondDistanceM.slice()
	};
	const categoryCount = matrix.categories.length;
	for (const { residenceIndex, distanceM } of whatIf.changes) {
		const slot = residenceIndex * categoryCount + whatIf.categoryIndex;
		if (distanceM < updated.nearestDistanceM[slot]) {
			updated.secondFacility[slot] = updated.nearestFacility[slot];
			updated.secondDistanceM[slot] = updated.nearestDistanceM[slot];
			updated.nearestFacility[slot] = facilityIndex;
			updated.nearestDistanceM[slot] = distanceM;
		} else {
			updated.secondFacility[slot] = facilityIndex;
			updated.secondDistanceM[slot] = distanceM;
		}
	}
	return updated;
}

export interface WhatIfGain {
	residences: number;
	households: number;
	elderly: number;
	children: number;
}

/** Who would newly be within the tier at this speed — "a new point here covers N more households". */
export function whatIfGain(
	residences: readonly Residence[],
	matrix: CoverageMatrix,
	whatIf: WhatIfResult,
	tierMinutes: number,
	speedMps = standardSpeedMps
): WhatIfGain {
	const gain: WhatIfGain = { residences: 0, households: 0, elderly: 0, children: 0 };
	const limitM = walkingDistanceM(tierMinutes, speedMps);
	const categoryCount = matrix.categories.length;
	for (const { residenceIndex, distanceM } of whatIf.changes) {
		const slot = residenceIndex * categoryCount + whatIf.categoryIndex;
		if (distanceM > limitM || matrix.nearestDistanceM[slot] <= limitM) continue;
		const residence = residences[residenceIndex];
		gain.residences++;
		gain.households += residence.households ?? 1;
		gain.elderly += residence.elderly ?? 0;
		gain.children += residence.children ?? 0;
	}
	return gain;
}
