import type { WalkingNetwork } from './network';
import type { LngLat } from './types';

/** The WGS84 position `alongM` metres from the start of `edge` (clamped to the edge). */
export function pointAlongEdge(network: WalkingNetwork, edge: number, alongM: number): LngLat {
	const { edgeVertexStart, vertexAlongM, vertexLng, vertexLat } = network;
	const first = edgeVertexStart[edge];
	const last = edgeVertexStart[edge + 1] - 1;
	if (alongM <= 0) return [vertexLng[first], vertexLat[first]];
	if (alongM >= vertexAlongM[last]) return [vertexLng[last], vertexLat[last]];
	let v = first;
	while (v < last - 1 && vertexAlongM[v + 1] < alongM) v++;
	const segmentM = vertexAlongM[v + 1] - vertexAlongM[v];
	const t = segmentM > 0 ? (alongM - vertexAlongM[v]) / segmentM : 0;
	return [
		vertexLng[v] + t * (vertexLng[v + 1] - vertexLng[v]),
		vertexLat[v] + t * (vertexLat[v + 1] - vertexLat[v])
	];
}

/** The part of an edge between two positions, in walking order (reversed when toM < fromM). */
export function edgeSlice(
	network: WalkingNetwork,
	edge: number,
	fromM: number,
	toM: number
): LngLat[] {
	const { edgeVertexStart, vertexAlongM, vertexLng, vertexLat } = network;
	const lowM = Math.min(fromM, toM);
	const highM = Math.max(fromM, toM);
	const coordinates: LngLat[] = [pointAlongEdge(network, edge, lowM)];
	for (let v = edgeVertexStart[edge]; v < edgeVertexStart[edge + 1]; v++) {
		if (vertexAlongM[v] > lowM && vertexAlongM[v] < highM) {
			coordinates.push([vertexLng[v], vertexLat[v]]);
		}
	}
	coordinates.push(pointAlongEdge(network, edge, highM));
	return toM < fromM ? coordinates.reverse() : coordinates;
}

/** Appends coordinates, skipping a first one that repeats the current last one. */
export function appendPath(path: LngLat[], coordinates: readonly LngLat[]): void {
	for (const coordinate of coordinates) {
		const last = path[path.length - 1];
		if (last && last[0] === coordinate[0] && last[1] === coordinate[1]) continue;
		path.push(coordinate);
	}
}
