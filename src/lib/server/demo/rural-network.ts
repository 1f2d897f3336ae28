/**
 * The rural part: a small street grid in each town centre, lanes in each village, and rural roads
 * joining villages to their town and towns to the city, so the network is one component.
 */
import { largestComponent } from './components';
import type { DraftEdge } from './draft';
import { buildLattice } from './lattice';
import type { UrbanFrame, VillagePlan } from './layout';
import { roadNamer } from './names';
import { isWellInsideCity } from './outline';
import { distanceM, toLngLat, toLocal, type LocalPoint } from './projection';
import type { Random } from './random';
import type { LngLat } from './types';

function gridAround(
	random: Random,
	plan: VillagePlan,
	widthM: number,
	heightM: number,
	spacingM: number,
	withMainRoads: boolean
): DraftEdge[] {
	const columns = Math.max(2, Math.round(widthM / spacingM) + 1);
	const rows = Math.max(2, Math.round(heightM / spacingM) + 1);
	const lattice = buildLattice({
		random,
		southWest: {
			x: plan.centre.x - ((columns - 1) * spacingM) / 2,
			y: plan.centre.y - ((rows - 1) * spacingM) / 2
		},
		columns,
		rows,
		spacingM,
		isAllowed: (point) => isWellInsideCity(point, 150),
		owner: () => plan.record.code,
		mainEvery: withMainRoads ? Math.max(2, Math.round(350 / spacingM)) : 0,
		mainRoadName: roadNamer(random),
		missingLinkShare: withMainRoads ? 0.05 : 0.03,
		culDeSacShare: withMainRoads ? 0.08 : 0.15,
		diagonalCount: withMainRoads ? 1 : 0
	});
	return largestComponent(lattice.edges);
}

export function nearestVertex(edges: readonly DraftEdge[], target: LocalPoint): LngLat {
	let best = edges[0].coordinates[0];
	let bestM = Infinity;
	for (const edge of edges) {
		for (const vertex of [edge.coordinates[0], edge.coordinates.at(-1)!]) {
			const separationM = distanceM(toLocal(vertex), target);
			if (separationM < bestM) {
				best = vertex;
				bestM = separationM;
			}
		}
	}
	return best;
}

/** A gently bending road between two existing nodes; bends that would leave the city are straightened. */
function ruralRoad(random: Random, from: LngLat, to: LngLat, name: string): DraftEdge {
	const a = toLocal(from);
	const b = toLocal(to);
	const lengthM = distanceM(a, b);
	const bendM = random.between(-0.05, 0.05) * lengthM;
	const interior = Math.floor(lengthM / 1500);
	const coordinates: LngLat[] = [from];
	for (let step = 1; step <= interior; step++) {
		const t = step / (interior + 1);
		const offsetM = Math.sin(Math.PI * t) * bendM + random.between(-40, 40);
		const straight = { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
		const bent = {
			x: straight.x - (offsetM * (b.y - a.y)) / lengthM,
			y: straight.y + (offsetM * (b.x - a.x)) / lengthM
		};
		coordinates.push(toLngLat(isWellInsideCity(bent, 100) ? bent : straight));
	}
	coordinates.push(to);
	return { coordinates, kind: 'rural_road', name, owner: null, addressRoad: name };
}

export function buildRuralNetwork(
	random: Random,
	frame: UrbanFrame,
	villages: readonly VillagePlan[],
	urbanEdges: readonly DraftEdge[]
): DraftEdge[] {
	const edges: DraftEdge[] = [];
	const cityCentre = { x: 0, y: 0 };
	for (const seat of villages.filter((plan) => plan.isSeat)) {
		const townGrid = gridAround(random, seat, 1400, 1100, frame.spacingM * 1.05, true);
		edges.push(...townGrid);
		const townName = seat.town.shortName;
		edges.push(
			ruralRoad(
				random,
				nearestVertex(townGrid, cityCentre),
				nearestVertex(urbanEdges, seat.town.centre),
				`嘉${townName.slice(0, 1)}公路`
			)
		);
		for (const village of villages.filter((plan) => plan.town === seat.town && !plan.isSeat)) {
			const lanes = gridAround(random, village, 520, 420, frame.spacingM * 1.25, false);
			edges.push(...lanes);
			edges.push(
				ruralRoad(
					random,
					nearestVertex(lanes, seat.centre),
					nearestVertex(townGrid, village.centre),
					`${village.record.name}村道`
				)
			);
		}
	}
	return edges;
}
