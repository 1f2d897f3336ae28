/** The whole walking network: urban core, towns, villages and rural roads, noded and connected. */
import { largestComponent } from './components';
import type { DraftEdge } from './draft';
import { exclusionZones, type UrbanFrame, type VillagePlan } from './layout';
import { nodeEdges } from './noding';
import type { LocalPoint } from './projection';
import type { Random } from './random';
import { buildRuralNetwork } from './rural-network';
import type { LngLat } from './types';
import { buildUrbanNetwork } from './urban-network';

export interface Network {
	edges: DraftEdge[];
	railway: LngLat[];
}

export function buildNetwork(
	random: Random,
	frame: UrbanFrame,
	villages: readonly VillagePlan[],
	urbanCentres: ReadonlyMap<string, LocalPoint>,
	scale: number
): Network {
	const urban = buildUrbanNetwork(random, frame, exclusionZones(villages), urbanCentres, scale);
	const rural = buildRuralNetwork(random, frame, villages, urban.edges);
	// Everything is connected by construction; the final filter only guards against a rural road
	// that noding could not join (it would otherwise be an island nobody can reach).
	const edges = largestComponent(nodeEdges([...urban.edges, ...rural]));
	return { edges, railway: urban.railway };
}
