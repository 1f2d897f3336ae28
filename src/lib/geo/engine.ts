import type { IsochroneCollection, IsochroneOptions } from './isochrone';
import type { CoverageMatrix } from './matrix';
import type { WalkingNetwork } from './network';
import type { PrepareOptions } from './prepared';
import type { NearbyFacility, WalkingPath } from './query';
import type { CoverageMethod, Facility, LngLat, Residence } from './types';
import type { WhatIfResult } from './whatif';

export interface PointNearest {
	method: CoverageMethod;
	/** false when the point is beyond the snap limit from every street */
	reachable: boolean;
	/** per category, nearest first */
	byCategory: Record<string, NearbyFacility[]>;
}

export interface QueryOptions {
	/** walks longer than this are not searched */
	cutoffM?: number;
	/** facilities per category in nearestFromPoint */
	limit?: number;
}

/** What the server and the CLI call: one object per (network, facilities, residences). */
export interface CoverageEngine {
	readonly method: CoverageMethod;
	readonly categories: readonly string[];
	readonly facilities: readonly Facility[];
	readonly residences: readonly Residence[];
	/** every residence × category: nearest and second-nearest facility and walking metres */
	computeMatrix(options?: { cutoffM?: number }): CoverageMatrix;
	nearestFromPoint(point: LngLat, options?: QueryOptions): PointNearest;
	walkingPath(point: LngLat, facilityId: string, options?: QueryOptions): WalkingPath | null;
	/** walking metres from `point` to each target, null beyond `cutoffM` or off the network */
	distancesFromPoint(
		point: LngLat,
		targets: readonly LngLat[],
		options?: QueryOptions
	): (number | null)[];
	isochrones(point: LngLat, options?: IsochroneOptions): IsochroneCollection;
	/** a hypothetical facility's effect on `matrix` without a full recompute */
	whatIf(matrix: CoverageMatrix, facility: Facility): WhatIfResult;
	/** a new engine with one more facility (reuses the network, its index and residence snaps) */
	withFacility(facility: Facility): CoverageEngine;
}

export interface CoverageEngineInput extends PrepareOptions {
	/** walking network as LineString coordinates or a built network; null or empty → estimates */
	network?: readonly LngLat[][] | WalkingNetwork | null;
	facilities: readonly Facility[];
	residences: readonly Residence[];
}
