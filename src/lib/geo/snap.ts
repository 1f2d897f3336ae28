import Flatbush from 'flatbush';
import type { WalkingNetwork } from './network';
import { haversineM, projectX, projectY, unprojectLat, unprojectLng } from './projection';
import type { LngLat } from './types';

/** Points farther than this from any street are reported unreachable rather than snapped. */
export const defaultMaxSnapDistanceM = 500;

/** Where a point joins the network: on edge `edge`, `alongM` metres from the edge's start node. */
export interface SnappedPoint {
	edge: number;
	alongM: number;
	/** the walk from the point to the street, which counts as walking too */
	offNetworkM: number;
	/** the partial lengths to the edge's start and end node */
	toFromM: number;
	toToM: number;
	projection: LngLat;
}

/** A flatbush index over every segment of every edge, in local projected metres. */
export interface SegmentIndex {
	network: WalkingNetwork;
	index: Flatbush;
	/** first vertex of each indexed segment (the segment runs to the next vertex) */
	segmentVertex: Int32Array;
	segmentEdge: Int32Array;
}

export function buildSegmentIndex(network: WalkingNetwork): SegmentIndex {
	const { edgeCount, edgeVertexStart, vertexX, vertexY } = network;
	const segmentCount = edgeVertexStart[edgeCount] - edgeCount;
	const segmentVertex = new Int32Array(segmentCount);
	const segmentEdge = new Int32Array(segmentCount);
	const index = new Flatbush(Math.max(segmentCount, 1));
	let s = 0;
	for (let e = 0; e < edgeCount; e++) {
		for (let v = edgeVertexStart[e]; v < edgeVertexStart[e + 1] - 1; v++) {
			segmentVertex[s] = v;
			segmentEdge[s] = e;
			index.add(
				Math.min(vertexX[v], vertexX[v + 1]),
				Math.min(vertexY[v], vertexY[v + 1]),
				Math.max(vertexX[v], vertexX[v + 1]),
				Math.max(vertexY[v], vertexY[v + 1])
			);
			s++;
		}
	}
	// flatbush refuses an empty index; a far-away dummy box keeps an empty network usable
	if (segmentCount === 0) index.add(1e12, 1e12, 1e12, 1e12);
	index.finish();
	return { network, index, segmentVertex, segmentEdge };
}

/** Fraction t in [0, 1] of the closest point to (x, y) on the segment starting at vertex v. */
export function closestFraction(network: WalkingNetwork, v: number, x: number, y: number): number {
	const ax = network.vertexX[v];
	const ay = network.vertexY[v];
	const dx = network.vertexX[v + 1] - ax;
	const dy = network.vertexY[v + 1] - ay;
	const lengthSquared = dx * dx + dy * dy;
	if (lengthSquared === 0) return 0;
	const t = ((x - ax) * dx + (y - ay) * dy) / lengthSquared;
	return t < 0 ? 0 : t > 1 ? 1 : t;
}

function squaredDistanceToSegment(network: WalkingNetwork, v: number, x: number, y: number) {
	const t = closestFraction(network, v, x, y);
	const px = network.vertexX[v] + t * (network.vertexX[v + 1] - network.vertexX[v]);
	const py = network.vertexY[v] + t * (network.vertexY[v + 1] - network.vertexY[v]);
	return (px - x) * (px - x) + (py - y) * (py - y);
}

/** The nearest indexed segment to (x, y) within maxDistanceM, or -1. */
export function nearestSegment(
	segments: SegmentIndex,
	x: number,
	y: number,
	maxDistanceM: number
): number {
	if (segments.segmentVertex.length === 0) return -1;
	// grow the search box until the best exact distance lies inside it: then nothing outside can beat it
	let radiusM = Math.min(50, maxDistanceM);
	for (;;) {
		let best = -1;
		let bestSquared = Infinity;
		for (const s of segments.index.search(x - radiusM, y - radiusM, x + radiusM, y + radiusM)) {
			const squared = squaredDistanceToSegment(segments.network, segments.segmentVertex[s], x, y);
			if (squared < bestSquared) {
				bestSquared = squared;
				best = s;
			}
		}
		if (best >= 0 && bestSquared <= radiusM * radiusM) return best;
		if (radiusM >= maxDistanceM) return -1;
		radiusM = Math.min(radiusM * 4, maxDistanceM);
	}
}

/** Snaps a point to the nearest edge, or returns null when no street is within maxSnapDistanceM. */
export function snapPoint(
	segments: SegmentIndex,
	point: LngLat,
	maxSnapDistanceM = defaultMaxSnapDistanceM
): SnappedPoint | null {
	const { network } = segments;
	const { projection } = network;
	const x = projectX(projection, point[0]);
	const y = projectY(projection, point[1]);
	const s = nearestSegment(segments, x, y, maxSnapDistanceM);
	if (s < 0) return null;
	const v = segments.segmentVertex[s];
	const edge = segments.segmentEdge[s];
	const t = closestFraction(network, v, x, y);
	const projectedX = network.vertexX[v] + t * (network.vertexX[v + 1] - network.vertexX[v]);
	const projectedY = network.vertexY[v] + t * (network.vertexY[v + 1] - network.vertexY[v]);
	const projectionLngLat: LngLat = [
		unprojectLng(projection, projectedX),
		unprojectLat(projection, projectedY)
	];
	const alongM =
		network.vertexAlongM[v] + t * (network.vertexAlongM[v + 1] - network.vertexAlongM[v]);
	const offNetworkM = haversineM(point[0], point[1], projectionLngLat[0], projectionLngLat[1]);
	if (offNetworkM > maxSnapDistanceM) return null;
	return {
		edge,
		alongM,
		offNetworkM,
		toFromM: alongM,
		toToM: Math.max(0, network.edgeLengthM[edge] - alongM),
		projection: projectionLngLat
	};
}

/** Snaps many points into flat arrays (edge -1 = unreachable), the form the coverage loops want. */
export interface SnapTable {
	edge: Int32Array;
	alongM: Float64Array;
	offNetworkM: Float64Array;
}

export function snapPoints(
	segments: SegmentIndex,
	points: readonly LngLat[],
	maxSnapDistanceM = defaultMaxSnapDistanceM
): SnapTable {
	const table: SnapTable = {
		edge: new Int32Array(points.length),
		alongM: new Float64Array(points.length),
		offNetworkM: new Float64Array(points.length)
	};
	points.forEach((point, i) => {
		const snapped = snapPoint(segments, point, maxSnapDistanceM);
		table.edge[i] = snapped ? snapped.edge : -1;
		table.alongM[i] = snapped ? snapped.alongM : 0;
		table.offNetworkM[i] = snapped ? snapped.offNetworkM : Infinity;
	});
	return table;
}
