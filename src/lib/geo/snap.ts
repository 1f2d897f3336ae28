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

/**
 * The network's projection measures x in metres only at its origin's latitude: over a province
 * (hundreds of kilometres north to south) its east–west metres are off by a few per cent, enough to
 * pick the wrong one of two streets a few millimetres apart in distance, and the wrong street can
 * be hundreds of metres longer to walk. So distances to segments are measured in a frame local to
 * the point: x differences scaled by cos(point's latitude) / cos(origin's latitude).
 */
export interface LocalFrame {
	x: number;
	y: number;
	/** multiplies a projected x difference into east–west metres at the point's latitude */
	xScale: number;
}

const radiansPerDegree = Math.PI / 180;

export function localFrame(network: WalkingNetwork, x: number, y: number): LocalFrame {
	const { projection } = network;
	const lat = unprojectLat(projection, y);
	return {
		x,
		y,
		xScale: Math.cos(lat * radiansPerDegree) / Math.cos(projection.originLat * radiansPerDegree)
	};
}

/** Fraction t in [0, 1] of the closest point to the frame's point on the segment starting at vertex v. */
export function closestFraction(network: WalkingNetwork, v: number, frame: LocalFrame): number {
	const ax = (network.vertexX[v] - frame.x) * frame.xScale;
	const ay = network.vertexY[v] - frame.y;
	const dx = (network.vertexX[v + 1] - network.vertexX[v]) * frame.xScale;
	const dy = network.vertexY[v + 1] - network.vertexY[v];
	const lengthSquared = dx * dx + dy * dy;
	if (lengthSquared === 0) return 0;
	const t = -(ax * dx + ay * dy) / lengthSquared;
	return t < 0 ? 0 : t > 1 ? 1 : t;
}

function squaredDistanceToSegment(network: WalkingNetwork, v: number, frame: LocalFrame) {
	const t = closestFraction(network, v, frame);
	const px =
		(network.vertexX[v] + t * (network.vertexX[v + 1] - network.vertexX[v]) - frame.x) *
		frame.xScale;
	const py = network.vertexY[v] + t * (network.vertexY[v + 1] - network.vertexY[v]) - frame.y;
	return px * px + py * py;
}

/** The nearest indexed segment to the frame's point within maxDistanceM (local metres), or -1. */
export function nearestSegment(
	segments: SegmentIndex,
	frame: LocalFrame,
	maxDistanceM: number
): number {
	if (segments.segmentVertex.length === 0) return -1;
	const { x, y, xScale } = frame;
	// grow the search box until the best exact distance lies inside it: then nothing outside can beat
	// it (the box is in the network's projection, so its east–west half-width is widened to cover
	// radiusM local metres)
	let radiusM = Math.min(50, maxDistanceM);
	for (;;) {
		let best = -1;
		let bestSquared = Infinity;
		const halfWidth = radiusM / xScale;
		for (const s of segments.index.search(x - halfWidth, y - radiusM, x + halfWidth, y + radiusM)) {
			const squared = squaredDistanceToSegment(segments.network, segments.segmentVertex[s], frame);
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
	const frame = localFrame(network, x, y);
	const s = nearestSegment(segments, frame, maxSnapDistanceM);
	if (s < 0) return null;
	const v = segments.segmentVertex[s];
	const edge = segments.segmentEdge[s];
	const t = closestFraction(network, v, frame);
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
	return snapCoordinates(
		segments,
		Float64Array.from(points, (point) => point[0]),
		Float64Array.from(points, (point) => point[1]),
		maxSnapDistanceM
	);
}

/** snapPoints over flat longitude and latitude arrays. */
export function snapCoordinates(
	segments: SegmentIndex,
	lng: Float64Array,
	lat: Float64Array,
	maxSnapDistanceM = defaultMaxSnapDistanceM
): SnapTable {
	const table: SnapTable = {
		edge: new Int32Array(lng.length),
		alongM: new Float64Array(lng.length),
		offNetworkM: new Float64Array(lng.length)
	};
	const point: LngLat = [0, 0];
	for (let i = 0; i < lng.length; i++) {
		point[0] = lng[i];
		point[1] = lat[i];
		const snapped = snapPoint(segments, point, maxSnapDistanceM);
		table.edge[i] = snapped ? snapped.edge : -1;
		table.alongM[i] = snapped ? snapped.alongM : 0;
		table.offNetworkM[i] = snapped ? snapped.offNetworkM : Infinity;
	}
	return table;
}
