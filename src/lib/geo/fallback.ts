import { circle } from '@turf/circle';
import { distance } from '@turf/distance';
import KDBush from 'kdbush';
import type { CoverageEngine, PointNearest, QueryOptions } from './engine';
import type { IsochroneCollection, IsochroneOptions, PolygonCoordinates } from './isochrone';
import { bandDistancesM } from './isochrone';
import {
	considerCandidate,
	defaultCutoffM,
	emptyMatrix,
	resetTopTwo,
	type CoverageMatrix,
	type TopTwo
} from './matrix';
import { listCategories, type PrepareOptions } from './prepared';
import { createProjection, projectX, projectY } from './projection';
import type { WalkingPath } from './query';
import { standardSpeedMps, type Facility, type LngLat, type Residence } from './types';
import type { WhatIfResult } from './whatif';

/** Streets are rarely straight: without a network, walking ≈ straight line × this detour factor. */
export const detourFactor = 1.25;

/** Walking metres estimated from the straight line (turf's geodesic distance). */
export function estimatedWalkingM(from: LngLat, to: LngLat): number {
	return distance(from, to, { units: 'meters' }) * detourFactor;
}

/** The engine without a network: same interface, every result flagged `method: 'estimate'`. */
export function estimateCoverageEngine(
	facilities: readonly Facility[],
	residences: readonly Residence[],
	options: PrepareOptions = {}
): CoverageEngine {
	const categories = listCategories(facilities, options.categories);
	const points = [...facilities.map((f) => f.point), ...residences.map((r) => r.point)];
	const centreLat = points.length ? points.reduce((sum, p) => sum + p[1], 0) / points.length : 0;
	const centreLng = points.length ? points.reduce((sum, p) => sum + p[0], 0) / points.length : 0;
	const projection = createProjection(centreLng, centreLat);
	const index = new KDBush(Math.max(facilities.length, 1));
	for (const facility of facilities) {
		index.add(projectX(projection, facility.point[0]), projectY(projection, facility.point[1]));
	}
	if (facilities.length === 0) index.add(1e12, 1e12);
	index.finish();

	const computeMatrix = ({ cutoffM = defaultCutoffM }: { cutoffM?: number } = {}) => {
		const matrix = emptyMatrix('estimate', categories, residences.length, cutoffM);
		const top: TopTwo = { firstM: Infinity, first: -1, secondM: Infinity, second: -1 };
		// the 1% covers the local projection's distortion; turf then measures exactly
		const searchRadiusM = (cutoffM / detourFactor) * 1.01;
		residences.forEach((residence, r) => {
			const x = projectX(projection, residence.point[0]);
			const y = projectY(projection, residence.point[1]);
			const candidates = index.within(x, y, searchRadiusM);
			categories.forEach((category, c) => {
				resetTopTwo(top);
				for (const f of candidates) {
					if (f >= facilities.length || facilities[f].category !== category) continue;
					considerCandidate(top, estimatedWalkingM(residence.point, facilities[f].point), f);
				}
				const slot = r * categories.length + c;
				if (top.first >= 0 && top.firstM <= cutoffM) {
					matrix.nearestFacility[slot] = top.first;
					matrix.nearestDistanceM[slot] = top.firstM;
				}
				if (top.second >= 0 && top.secondM <= cutoffM) {
					matrix.secondFacility[slot] = top.second;
					matrix.secondDistanceM[slot] = top.secondM;
				}
			});
		});
		return matrix;
	};

	const nearestFromPoint = (point: LngLat, options: QueryOptions = {}): PointNearest => {
		const cutoffM = options.cutoffM ?? defaultCutoffM;
		const byCategory: PointNearest['byCategory'] = {};
		for (const category of categories) byCategory[category] = [];
		facilities.forEach((facility, facilityIndex) => {
			const distanceM = estimatedWalkingM(point, facility.point);
			if (distanceM > cutoffM) return;
			byCategory[facility.category].push({
				facilityId: facility.id,
				facilityIndex,
				category: facility.category,
				distanceM
			});
		});
		for (const list of Object.values(byCategory)) {
			list.sort((a, b) => a.distanceM - b.distanceM);
			list.length = Math.min(list.length, options.limit ?? 3);
		}
		return { method: 'estimate', reachable: true, byCategory };
	};

	const walkingPath = (point: LngLat, facilityId: string): WalkingPath | null => {
		const facility = facilities.find((f) => f.id === facilityId);
		if (!facility) return null;
		const distanceM = estimatedWalkingM(point, facility.point);
		return { facilityId, distanceM, coordinates: [point, facility.point] };
	};

	const distancesFromPoint = (
		point: LngLat,
		targets: readonly LngLat[],
		options: QueryOptions = {}
	): (number | null)[] => {
		const cutoffM = options.cutoffM ?? defaultCutoffM;
		return targets.map((target) => {
			const distanceM = estimatedWalkingM(point, target);
			return distanceM <= cutoffM ? distanceM : null;
		});
	};

	const isochrones = (point: LngLat, options: IsochroneOptions = {}): IsochroneCollection => {
		const speedMps = options.speedMps ?? standardSpeedMps;
		return {
			type: 'FeatureCollection',
			reachable: true,
			features: bandDistancesM(options).map(({ minutes, distanceM }) => ({
				type: 'Feature',
				properties: { minutes, speedMps, distanceM, method: 'estimate' },
				geometry: {
					type: 'Polygon',
					coordinates: circle(point, distanceM / detourFactor, { units: 'meters', steps: 64 })
						.geometry.coordinates as PolygonCoordinates
				}
			}))
		};
	};

	const whatIf = (matrix: CoverageMatrix, facility: Facility): WhatIfResult => {
		const categoryIndex = categories.indexOf(facility.category);
		const result: WhatIfResult = { facility, reachable: true, categoryIndex, changes: [] };
		if (categoryIndex < 0) return result;
		residences.forEach((residence, residenceIndex) => {
			const distanceM = estimatedWalkingM(residence.point, facility.point);
			const slot = residenceIndex * categories.length + categoryIndex;
			if (distanceM <= matrix.cutoffM && distanceM < matrix.secondDistanceM[slot]) {
				result.changes.push({ residenceIndex, distanceM });
			}
		});
		return result;
	};

	return {
		method: 'estimate',
		categories,
		facilities,
		residences,
		computeMatrix,
		nearestFromPoint,
		walkingPath,
		distancesFromPoint,
		isochrones,
		whatIf,
		withFacility: (facility) =>
			estimateCoverageEngine([...facilities, facility], residences, { ...options, categories })
	};
}
