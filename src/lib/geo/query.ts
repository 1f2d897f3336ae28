import { ShortestPathTree } from './dijkstra';
import { appendPath, edgeSlice } from './geometry';
import type { PreparedCoverage } from './prepared';
import { snapPoint, type SnappedPoint } from './snap';
import type { LngLat } from './types';

/** Single-origin Dijkstra: seeds both ends of the origin's edge (source 0 = start, 1 = end). */
export function searchFromPoint(
	prepared: PreparedCoverage,
	tree: ShortestPathTree,
	point: LngLat,
	cutoffM: number
): SnappedPoint | null {
	const origin = snapPoint(prepared.segments, point, prepared.maxSnapDistanceM);
	tree.begin();
	if (!origin) return null;
	const { edgeFrom, edgeTo } = prepared.network;
	tree.seed(edgeFrom[origin.edge], origin.offNetworkM + origin.toFromM, 0, cutoffM);
	tree.seed(edgeTo[origin.edge], origin.offNetworkM + origin.toToM, 1, cutoffM);
	tree.run(cutoffM);
	return origin;
}

/** How a snapped target is best reached after searchFromPoint: via its edge's start, end, or directly. */
export interface TargetReach {
	distanceM: number;
	via: 'from' | 'to' | 'direct';
}

export function reachTarget(
	prepared: PreparedCoverage,
	tree: ShortestPathTree,
	origin: SnappedPoint,
	edge: number,
	alongM: number,
	offNetworkM: number
): TargetReach {
	const { edgeFrom, edgeTo, edgeLengthM } = prepared.network;
	let best: TargetReach = { distanceM: tree.distanceM[edgeFrom[edge]] + alongM, via: 'from' };
	const viaToM = tree.distanceM[edgeTo[edge]] + edgeLengthM[edge] - alongM;
	if (viaToM < best.distanceM) best = { distanceM: viaToM, via: 'to' };
	if (edge === origin.edge) {
		const directM = origin.offNetworkM + Math.abs(origin.alongM - alongM);
		if (directM <= best.distanceM) best = { distanceM: directM, via: 'direct' };
	}
	best.distanceM += offNetworkM;
	return best;
}

/**
 * Walking metres from one point to each of `targets` (null: beyond the cutoff or off the network),
 * by one single-origin search: walking is symmetric, so one search from an elder's home ranks any
 * number of volunteers' starting points.
 */
export function distancesFromPoint(
	prepared: PreparedCoverage,
	tree: ShortestPathTree,
	point: LngLat,
	targets: readonly LngLat[],
	cutoffM: number
): (number | null)[] {
	const origin = searchFromPoint(prepared, tree, point, cutoffM);
	if (!origin) return targets.map(() => null);
	return targets.map((target) => {
		const snapped = snapPoint(prepared.segments, target, prepared.maxSnapDistanceM);
		if (!snapped) return null;
		const { distanceM } = reachTarget(
			prepared,
			tree,
			origin,
			snapped.edge,
			snapped.alongM,
			snapped.offNetworkM
		);
		return distanceM <= cutoffM ? distanceM : null;
	});
}

export interface NearbyFacility {
	facilityId: string;
	facilityIndex: number;
	category: string;
	distanceM: number;
}

/** Facilities per category by walking distance from any point (nearest first, up to `limit`). */
export function nearestFromPoint(
	prepared: PreparedCoverage,
	tree: ShortestPathTree,
	point: LngLat,
	cutoffM: number,
	limit = 3
): { reachable: boolean; byCategory: Record<string, NearbyFacility[]> } {
	const byCategory: Record<string, NearbyFacility[]> = {};
	for (const category of prepared.categories) byCategory[category] = [];
	const origin = searchFromPoint(prepared, tree, point, cutoffM);
	if (!origin) return { reachable: false, byCategory };
	const { facilities, facilitySnap } = prepared;
	facilities.forEach((facility, f) => {
		const edge = facilitySnap.edge[f];
		if (edge < 0) return;
		const { distanceM } = reachTarget(
			prepared,
			tree,
			origin,
			edge,
			facilitySnap.alongM[f],
			facilitySnap.offNetworkM[f]
		);
		if (distanceM > cutoffM) return;
		byCategory[facility.category].push({
			facilityId: facility.id,
			facilityIndex: f,
			category: facility.category,
			distanceM
		});
	});
	for (const list of Object.values(byCategory)) {
		list.sort((a, b) => a.distanceM - b.distanceM);
		list.length = Math.min(list.length, limit);
	}
	return { reachable: true, byCategory };
}

export interface WalkingPath {
	facilityId: string;
	distanceM: number;
	/** point → street → … → street → facility, WGS84, a LineString's coordinates */
	coordinates: LngLat[];
}

/** The walking route from a point to one facility, for "explain this result". */
export function walkingPath(
	prepared: PreparedCoverage,
	tree: ShortestPathTree,
	point: LngLat,
	facilityIndex: number,
	cutoffM: number
): WalkingPath | null {
	const { network, facilities, facilitySnap } = prepared;
	const edge = facilitySnap.edge[facilityIndex];
	if (edge < 0) return null;
	const origin = searchFromPoint(prepared, tree, point, cutoffM);
	if (!origin) return null;
	const alongM = facilitySnap.alongM[facilityIndex];
	const reach = reachTarget(
		prepared,
		tree,
		origin,
		edge,
		alongM,
		facilitySnap.offNetworkM[facilityIndex]
	);
	if (!(reach.distanceM <= cutoffM)) return null;
	const facility = facilities[facilityIndex];
	const coordinates: LngLat[] = [];
	appendPath(coordinates, [point, origin.projection]);
	if (reach.via === 'direct') {
		appendPath(coordinates, edgeSlice(network, origin.edge, origin.alongM, alongM));
	} else {
		const { edgeFrom, edgeTo, edgeLengthM } = network;
		const endNode = reach.via === 'from' ? edgeFrom[edge] : edgeTo[edge];
		// walk the predecessor edges back from the facility's junction to a seed junction
		const reversed: LngLat[][] = [];
		let node = endNode;
		while (tree.predecessorEdge[node] >= 0) {
			const via = tree.predecessorEdge[node];
			const previous = edgeFrom[via] === node ? edgeTo[via] : edgeFrom[via];
			reversed.push(
				edgeFrom[via] === previous
					? edgeSlice(network, via, 0, edgeLengthM[via])
					: edgeSlice(network, via, edgeLengthM[via], 0)
			);
			node = previous;
		}
		const seedIsStart = tree.sourceOf[endNode] === 0;
		appendPath(
			coordinates,
			edgeSlice(network, origin.edge, origin.alongM, seedIsStart ? 0 : edgeLengthM[origin.edge])
		);
		for (let i = reversed.length - 1; i >= 0; i--) appendPath(coordinates, reversed[i]);
		appendPath(
			coordinates,
			edgeSlice(network, edge, reach.via === 'from' ? 0 : edgeLengthM[edge], alongM)
		);
	}
	appendPath(coordinates, [facility.point]);
	return { facilityId: facility.id, distanceM: reach.distanceM, coordinates };
}
