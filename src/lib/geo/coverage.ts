import { NearestTwoSearch, ShortestPathTree } from './dijkstra';
import { estimateCoverageEngine } from './fallback';
import type { CoverageEngine, CoverageEngineInput, PointNearest, QueryOptions } from './engine';
import type { WalkingNetwork } from './network';
import { computeIsochrones, type IsochroneCollection, type IsochroneOptions } from './isochrone';
import { computeNetworkMatrix, defaultCutoffM, type CoverageMatrix } from './matrix';
import { prepareCoverage, type PreparedCoverage } from './prepared';
import { distancesFromPoint, nearestFromPoint, walkingPath, type WalkingPath } from './query';
import type { Facility, LngLat } from './types';
import { whatIfFacility, type WhatIfResult } from './whatif';

export function createCoverageEngine(input: CoverageEngineInput): CoverageEngine {
	const { network } = input;
	const hasNetwork =
		network != null &&
		(Array.isArray(network) ? network.length > 0 : (network as WalkingNetwork).edgeCount > 0);
	if (!hasNetwork) return estimateCoverageEngine(input.facilities, input.residences, input);
	return new NetworkCoverageEngine(
		prepareCoverage(network, input.facilities, input.residences, input)
	);
}

class NetworkCoverageEngine implements CoverageEngine {
	readonly method = 'network' as const;
	private readonly tree: ShortestPathTree;
	private nearestTwo: NearestTwoSearch | null = null;

	constructor(
		readonly prepared: PreparedCoverage,
		tree?: ShortestPathTree
	) {
		this.tree = tree ?? new ShortestPathTree(prepared.network);
	}

	get categories() {
		return this.prepared.categories;
	}
	get facilities() {
		return this.prepared.facilities;
	}
	get residences() {
		return this.prepared.residences;
	}

	computeMatrix(options: { cutoffM?: number } = {}): CoverageMatrix {
		this.nearestTwo ??= new NearestTwoSearch(this.prepared.network);
		return computeNetworkMatrix(this.prepared, options.cutoffM ?? defaultCutoffM, this.nearestTwo);
	}

	nearestFromPoint(point: LngLat, options: QueryOptions = {}): PointNearest {
		const cutoffM = options.cutoffM ?? defaultCutoffM;
		const found = nearestFromPoint(this.prepared, this.tree, point, cutoffM, options.limit);
		return { method: this.method, ...found };
	}

	walkingPath(point: LngLat, facilityId: string, options: QueryOptions = {}): WalkingPath | null {
		const facilityIndex = this.prepared.facilities.findIndex((f) => f.id === facilityId);
		if (facilityIndex < 0) return null;
		const cutoffM = options.cutoffM ?? 4 * defaultCutoffM;
		return walkingPath(this.prepared, this.tree, point, facilityIndex, cutoffM);
	}

	distancesFromPoint(
		point: LngLat,
		targets: readonly LngLat[],
		options: QueryOptions = {}
	): (number | null)[] {
		const cutoffM = options.cutoffM ?? defaultCutoffM;
		return distancesFromPoint(this.prepared, this.tree, point, targets, cutoffM);
	}

	isochrones(point: LngLat, options: IsochroneOptions = {}): IsochroneCollection {
		return computeIsochrones(this.prepared.segments, this.tree, point, {
			maxSnapDistanceM: this.prepared.maxSnapDistanceM,
			...options
		});
	}

	whatIf(matrix: CoverageMatrix, facility: Facility): WhatIfResult {
		return whatIfFacility(this.prepared, this.tree, matrix, facility);
	}

	withFacility(facility: Facility): CoverageEngine {
		const { prepared } = this;
		const next = prepareCoverage(
			prepared.network,
			[...prepared.facilities, facility],
			prepared.residences,
			{ categories: prepared.categories, maxSnapDistanceM: prepared.maxSnapDistanceM },
			prepared
		);
		return new NetworkCoverageEngine(next, this.tree);
	}
}
