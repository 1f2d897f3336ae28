import { traceGridPolygons, type GridRing } from './contour';
import type { ShortestPathTree } from './dijkstra';
import { projectX, projectY, unprojectLat, unprojectLng } from './projection';
import { rasteriseWalkingDistance, type WalkingGrid } from './raster';
import { simplifyRing } from './simplify';
import { defaultMaxSnapDistanceM, snapPoint, type SegmentIndex } from './snap';
import { standardSpeedMps, type CoverageMethod, type LngLat } from './types';
import { walkingDistanceM } from './walking';

export interface IsochroneOptions {
	/** band limits in minutes; default 5, 10, 15 */
	minutes?: readonly number[];
	speedMps?: number;
	/** raster resolution: finer is more exact and slower */
	cellM?: number;
	/** how far from a street a place still counts as reachable (capped by the time left) */
	walkingMarginM?: number;
	/** extra metres a cell may exceed its band by, so that street points at the band's edge stay in */
	slackM?: number;
	simplifyToleranceM?: number;
	maxSnapDistanceM?: number;
}

export const isochroneDefaults = {
	minutes: [5, 10, 15],
	cellM: 20,
	walkingMarginM: 80,
	slackM: 20,
	simplifyToleranceM: 8
} as const;

type Position = [number, number];
export type PolygonCoordinates = Position[][];

export interface IsochroneFeature {
	type: 'Feature';
	properties: { minutes: number; speedMps: number; distanceM: number; method: CoverageMethod };
	geometry:
		| { type: 'Polygon'; coordinates: PolygonCoordinates }
		| { type: 'MultiPolygon'; coordinates: PolygonCoordinates[] };
}

/** Bands largest first, so that drawing them in order leaves the smaller ones on top. */
export interface IsochroneCollection {
	type: 'FeatureCollection';
	features: IsochroneFeature[];
	/** false when the origin is beyond the snap limit from every street */
	reachable: boolean;
}

export function bandDistancesM(
	options: IsochroneOptions
): { minutes: number; distanceM: number }[] {
	const speedMps = options.speedMps ?? standardSpeedMps;
	return [...(options.minutes ?? isochroneDefaults.minutes)]
		.sort((a, b) => b - a)
		.map((minutes) => ({ minutes, distanceM: walkingDistanceM(minutes, speedMps) }));
}

export function computeIsochrones(
	segments: SegmentIndex,
	tree: ShortestPathTree,
	point: LngLat,
	options: IsochroneOptions = {}
): IsochroneCollection {
	const speedMps = options.speedMps ?? standardSpeedMps;
	const cellM = options.cellM ?? isochroneDefaults.cellM;
	const marginM = options.walkingMarginM ?? isochroneDefaults.walkingMarginM;
	const slackM = options.slackM ?? isochroneDefaults.slackM;
	const toleranceM = options.simplifyToleranceM ?? isochroneDefaults.simplifyToleranceM;
	const bands = bandDistancesM(options);
	const collection: IsochroneCollection = {
		type: 'FeatureCollection',
		features: [],
		reachable: false
	};
	tree.begin();
	const origin = snapPoint(segments, point, options.maxSnapDistanceM ?? defaultMaxSnapDistanceM);
	if (!origin || bands.length === 0) return collection;
	collection.reachable = true;
	const { network } = segments;
	const cutoffM = bands[0].distanceM + slackM;
	tree.seed(network.edgeFrom[origin.edge], origin.offNetworkM + origin.toFromM, 0, cutoffM);
	tree.seed(network.edgeTo[origin.edge], origin.offNetworkM + origin.toToM, 1, cutoffM);
	tree.run(cutoffM);
	const { projection } = network;
	const originX = projectX(projection, point[0]);
	const originY = projectY(projection, point[1]);
	// network distance is never shorter than the straight line (measured in the local frame)
	const radiusM = cutoffM + marginM + cellM;
	const grid = rasteriseWalkingDistance(
		segments,
		tree,
		origin,
		originX,
		originY,
		radiusM,
		cellM,
		marginM
	);
	const mask = new Uint8Array(grid.width * grid.height);
	for (const band of bands) {
		const limitM = band.distanceM + slackM;
		for (let c = 0; c < mask.length; c++) mask[c] = grid.walkingM[c] <= limitM ? 1 : 0;
		const polygons: PolygonCoordinates[] = [];
		for (const polygon of traceGridPolygons(mask, grid.width, grid.height)) {
			const outer = ringToLngLat(grid, polygon.outer, toleranceM, projection);
			if (!outer) continue;
			const holes = polygon.holes
				.map((hole) => ringToLngLat(grid, hole, toleranceM, projection))
				.filter((hole): hole is Position[] => hole !== null);
			polygons.push([outer, ...holes]);
		}
		collection.features.push({
			type: 'Feature',
			properties: { minutes: band.minutes, speedMps, distanceM: band.distanceM, method: 'network' },
			geometry:
				polygons.length === 1
					? { type: 'Polygon', coordinates: polygons[0] }
					: { type: 'MultiPolygon', coordinates: polygons }
		});
	}
	return collection;
}

function roundCoordinate(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}

/** Grid ring → metres → simplified → WGS84 closed ring, or null when simplification collapses it. */
function ringToLngLat(
	grid: WalkingGrid,
	ring: GridRing,
	toleranceM: number,
	projection: Parameters<typeof unprojectLng>[0]
): Position[] | null {
	const metres = ring.map((value, k) =>
		k % 2 === 0 ? grid.originX + value * grid.cellM : grid.originY + value * grid.cellM
	);
	const simplified = simplifyRing(metres, toleranceM);
	if (simplified.length === 0) return null;
	const positions: Position[] = [];
	const { frame } = grid;
	for (let k = 0; k < simplified.length; k += 2) {
		// local metres back to the network's projection
		positions.push([
			roundCoordinate(unprojectLng(projection, frame.x + simplified[k] / frame.xScale)),
			roundCoordinate(unprojectLat(projection, frame.y + simplified[k + 1]))
		]);
	}
	positions.push([positions[0][0], positions[0][1]]);
	return positions;
}
