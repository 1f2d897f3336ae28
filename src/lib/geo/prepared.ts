import { buildWalkingNetwork } from './graph';
import type { WalkingNetwork } from './network';
import {
	buildSegmentIndex,
	defaultMaxSnapDistanceM,
	snapPoints,
	type SegmentIndex,
	type SnapTable
} from './snap';
import type { Facility, LngLat, Residence } from './types';

/** Items grouped by the edge they snapped to (CSR: items of edge e are start[e] … start[e + 1] - 1). */
export interface EdgeBuckets {
	start: Int32Array;
	items: Int32Array;
}

export function bucketByEdge(edgeCount: number, edgeOfItem: Int32Array): EdgeBuckets {
	const start = new Int32Array(edgeCount + 1);
	for (const edge of edgeOfItem) if (edge >= 0) start[edge + 1]++;
	for (let e = 0; e < edgeCount; e++) start[e + 1] += start[e];
	const items = new Int32Array(start[edgeCount]);
	const fill = start.slice(0, edgeCount);
	edgeOfItem.forEach((edge, item) => {
		if (edge >= 0) items[fill[edge]++] = item;
	});
	return { start, items };
}

/** Everything the coverage computations share: the network, its index and the snapped points. */
export interface PreparedCoverage {
	network: WalkingNetwork;
	segments: SegmentIndex;
	maxSnapDistanceM: number;
	facilities: readonly Facility[];
	residences: readonly Residence[];
	categories: readonly string[];
	/** index into `categories` per facility */
	facilityCategory: Int32Array;
	facilitySnap: SnapTable;
	residenceSnap: SnapTable;
	facilitiesByEdge: EdgeBuckets;
	residencesByEdge: EdgeBuckets;
}

export interface PrepareOptions {
	/** categories to report even when no facility has them yet (others are added in first-seen order) */
	categories?: readonly string[];
	maxSnapDistanceM?: number;
}

export function listCategories(facilities: readonly Facility[], given: readonly string[] = []) {
	const categories = [...given];
	for (const facility of facilities) {
		if (!categories.includes(facility.category)) categories.push(facility.category);
	}
	return categories;
}

export function prepareCoverage(
	networkOrLines: WalkingNetwork | readonly LngLat[][],
	facilities: readonly Facility[],
	residences: readonly Residence[],
	options: PrepareOptions = {},
	reuse?: Pick<PreparedCoverage, 'segments' | 'residenceSnap' | 'residencesByEdge'>
): PreparedCoverage {
	const network = Array.isArray(networkOrLines)
		? buildWalkingNetwork(networkOrLines)
		: (networkOrLines as WalkingNetwork);
	const maxSnapDistanceM = options.maxSnapDistanceM ?? defaultMaxSnapDistanceM;
	const segments = reuse?.segments ?? buildSegmentIndex(network);
	const categories = listCategories(facilities, options.categories);
	const facilitySnap = snapPoints(
		segments,
		facilities.map((facility) => facility.point),
		maxSnapDistanceM
	);
	const residenceSnap =
		reuse?.residenceSnap ??
		snapPoints(
			segments,
			residences.map((residence) => residence.point),
			maxSnapDistanceM
		);
	return {
		network,
		segments,
		maxSnapDistanceM,
		facilities,
		residences,
		categories,
		facilityCategory: Int32Array.from(facilities, (f) => categories.indexOf(f.category)),
		facilitySnap,
		residenceSnap,
		facilitiesByEdge: bucketByEdge(network.edgeCount, facilitySnap.edge),
		residencesByEdge: reuse?.residencesByEdge ?? bucketByEdge(network.edgeCount, residenceSnap.edge)
	};
}
