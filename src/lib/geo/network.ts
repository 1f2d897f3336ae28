import type { LocalProjection } from './projection';

/**
 * The walking network as compact typed arrays. Graph nodes are line ends and vertices shared by
 * more than one line (junctions); each edge keeps its polyline geometry so that snapping and
 * isochrones work on the real street shape while Dijkstra only visits junctions.
 */
export interface WalkingNetwork {
	nodeCount: number;
	edgeCount: number;
	projection: LocalProjection;
	nodeX: Float64Array;
	nodeY: Float64Array;
	edgeFrom: Int32Array;
	edgeTo: Int32Array;
	edgeLengthM: Float64Array;
	/** vertices of edge e are edgeVertexStart[e] … edgeVertexStart[e + 1] - 1 */
	edgeVertexStart: Int32Array;
	vertexLng: Float64Array;
	vertexLat: Float64Array;
	vertexX: Float64Array;
	vertexY: Float64Array;
	/** geodesic metres from the edge's first vertex */
	vertexAlongM: Float64Array;
	/** CSR adjacency, both directions: neighbours of n are adjacencyStart[n] … adjacencyStart[n + 1] - 1 */
	adjacencyStart: Int32Array;
	adjacencyTarget: Int32Array;
	adjacencyWeightM: Float64Array;
	adjacencyEdge: Int32Array;
	componentOf: Int32Array;
	componentCount: number;
}
