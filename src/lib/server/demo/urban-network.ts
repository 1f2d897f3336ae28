/**
 * The urban core: an irregular street grid with named main roads, a railway crossing it east–west
 * that only underpasses pass, and each edge given to the community whose centre is nearest.
 */
import { largestComponent } from './components';
import type { DraftEdge } from './draft';
import { buildLattice } from './lattice';
import { isExcluded, type ExclusionZone, type UrbanFrame } from './layout';
import { roadNamer } from './names';
import { isWellInsideCity } from './outline';
import { distanceM, toLngLat, type LocalPoint } from './projection';
import type { Random } from './random';
import type { LngLat } from './types';

export interface UrbanNetwork {
	edges: DraftEdge[];
	railway: LngLat[];
}

/** Crossing the railway is a long way round, which keeps communities on one side of it. */
const railwayDetourM = 2000;

export function buildUrbanNetwork(
	random: Random,
	frame: UrbanFrame,
	zones: readonly ExclusionZone[],
	centres: ReadonlyMap<string, LocalPoint>,
	scale: number
): UrbanNetwork {
	const spacingM = frame.spacingM;
	const centreList = [...centres];
	const north = (point: LocalPoint) => point.y > frame.railwayY;
	const owner = (point: LocalPoint) => {
		let best: string | null = null;
		let bestM = Infinity;
		for (const [code, centre] of centreList) {
			const costM =
				distanceM(point, centre) + (north(point) === north(centre) ? 0 : railwayDetourM);
			if (costM < bestM) {
				best = code;
				bestM = costM;
			}
		}
		return best;
	};
	const lattice = buildLattice({
		random,
		southWest: { x: frame.west, y: frame.south },
		columns: Math.ceil((frame.east - frame.west) / spacingM) + 1,
		rows: Math.ceil((frame.north - frame.south) / spacingM) + 1,
		spacingM,
		isAllowed: (point) => !isExcluded(point, zones) && isWellInsideCity(point, 250),
		owner,
		mainEvery: Math.max(2, Math.round(450 / spacingM)),
		mainRoadName: roadNamer(random),
		missingLinkShare: 0.07,
		culDeSacShare: 0.06,
		diagonalCount: Math.round(3 * scale ** 0.5),
		barrier: {
			row: Math.floor((frame.railwayY - frame.south) / spacingM),
			crossingCount: Math.max(3, Math.round(3.5 * scale ** 0.35))
		}
	});
	const [westX, eastX] = lattice.barrierExtent ?? [frame.west, frame.east];
	const railway = [
		toLngLat({ x: westX - spacingM / 2, y: frame.railwayY }),
		toLngLat({ x: eastX + spacingM / 2, y: frame.railwayY })
	];
	return { edges: largestComponent(lattice.edges), railway };
}
