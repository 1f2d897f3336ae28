import { projectX, projectY, type LocalProjection } from './projection';
import type { WalkingNetwork } from './network';

/** Turns the builder's edge lists into the typed-array network: CSR adjacency and components. */
export interface EdgeLists {
	edgeFroms: Int32Array;
	edgeTos: Int32Array;
	edgeLengths: Float64Array;
	edgeStarts: Int32Array;
	lngs: Float64Array;
	lats: Float64Array;
	alongs: Float64Array;
}

export function assembleNetwork(
	projection: LocalProjection,
	nodeLngs: Float64Array,
	nodeLats: Float64Array,
	lists: EdgeLists
): WalkingNetwork {
	const nodeCount = nodeLngs.length;
	const edgeCount = lists.edgeFroms.length;
	const vertexLng = lists.lngs;
	const vertexLat = lists.lats;
	const vertexX = vertexLng.map((lng) => projectX(projection, lng));
	const vertexY = vertexLat.map((lat) => projectY(projection, lat));
	const edgeFrom = lists.edgeFroms;
	const edgeTo = lists.edgeTos;
	const edgeLengthM = lists.edgeLengths;

	const adjacencyStart = new Int32Array(nodeCount + 1);
	for (let e = 0; e < edgeCount; e++) {
		// a loop (a closed ring road) is listed once: it never shortens a path, but the incident
		// edges of a node must include it so that points snapped onto it are found
		adjacencyStart[edgeFrom[e] + 1]++;
		if (edgeFrom[e] !== edgeTo[e]) adjacencyStart[edgeTo[e] + 1]++;
	}
	for (let n = 0; n < nodeCount; n++) adjacencyStart[n + 1] += adjacencyStart[n];
	const entryCount = adjacencyStart[nodeCount];
	const adjacencyTarget = new Int32Array(entryCount);
	const adjacencyWeightM = new Float64Array(entryCount);
	const adjacencyEdge = new Int32Array(entryCount);
	const fill = adjacencyStart.slice(0, nodeCount);
	for (let e = 0; e < edgeCount; e++) {
		const from = edgeFrom[e];
		const to = edgeTo[e];
		let slot = fill[from]++;
		adjacencyTarget[slot] = to;
		adjacencyWeightM[slot] = edgeLengthM[e];
		adjacencyEdge[slot] = e;
		if (from === to) continue;
		slot = fill[to]++;
		adjacencyTarget[slot] = from;
		adjacencyWeightM[slot] = edgeLengthM[e];
		adjacencyEdge[slot] = e;
	}
	const network: WalkingNetwork = {
		nodeCount,
		edgeCount,
		projection,
		nodeX: Float64Array.from(nodeLngs, (lng) => projectX(projection, lng)),
		nodeY: Float64Array.from(nodeLats, (lat) => projectY(projection, lat)),
		edgeFrom,
		edgeTo,
		edgeLengthM,
		edgeVertexStart: lists.edgeStarts,
		vertexLng,
		vertexLat,
		vertexX,
		vertexY,
		vertexAlongM: lists.alongs,
		adjacencyStart,
		adjacencyTarget,
		adjacencyWeightM,
		adjacencyEdge,
		componentOf: new Int32Array(nodeCount),
		componentCount: 0
	};
	network.componentCount = labelComponents(network);
	return network;
}

/** Labels connected components with an iterative flood fill; returns how many there are. */
function labelComponents(network: WalkingNetwork): number {
	const { nodeCount, componentOf, adjacencyStart, adjacencyTarget } = network;
	componentOf.fill(-1);
	const stack = new Int32Array(nodeCount);
	let componentCount = 0;
	for (let seed = 0; seed < nodeCount; seed++) {
		if (componentOf[seed] >= 0) continue;
		let top = 0;
		stack[top++] = seed;
		componentOf[seed] = componentCount;
		while (top > 0) {
			const node = stack[--top];
			for (let a = adjacencyStart[node]; a < adjacencyStart[node + 1]; a++) {
				const next = adjacencyTarget[a];
				if (componentOf[next] < 0) {
					componentOf[next] = componentCount;
					stack[top++] = next;
				}
			}
		}
		componentCount++;
	}
	return componentCount;
}
