import { assembleNetwork } from './graph-csr';
import { createProjection, haversineM } from './projection';
import type { LngLat } from './types';
import type { WalkingNetwork } from './network';

import type { FlatLines } from './geojson-scan';

function assertPosition(lng: number, lat: number, lineIndex: number): void {
	if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
		throw new Error(`Line ${lineIndex}: coordinate [${lng}, ${lat}] is not a WGS84 position`);
	}
}

/** Lines as LineString coordinate arrays → the flat form buildFlatWalkingNetwork reads. */
export function flattenLines(lines: readonly LngLat[][]): FlatLines {
	const lineStart = new Int32Array(lines.length + 1);
	for (let l = 0; l < lines.length; l++) lineStart[l + 1] = lineStart[l] + lines[l].length;
	const coordinates = new Float64Array(2 * lineStart[lines.length]);
	lines.forEach((line, l) => {
		for (let i = 0; i < line.length; i++) {
			coordinates[2 * (lineStart[l] + i)] = line[i][0];
			coordinates[2 * (lineStart[l] + i) + 1] = line[i][1];
		}
	});
	return { coordinates, lineStart };
}

export function buildWalkingNetwork(lines: readonly LngLat[][]): WalkingNetwork {
	return buildFlatWalkingNetwork(flattenLines(lines));
}

/**
 * Distinct coordinates (1e-7 degrees ≈ 1 cm apart are the same junction) in an open-addressing
 * table over typed arrays: a province's millions of vertices without a string key each.
 */
class CoordinateTable {
	private readonly keyX: Int32Array;
	private readonly keyY: Int32Array;
	private readonly slotId: Int32Array;
	private readonly mask: number;
	count = 0;

	constructor(capacity: number) {
		let size = 16;
		while (size < 2 * capacity) size *= 2;
		this.keyX = new Int32Array(size);
		this.keyY = new Int32Array(size);
		this.slotId = new Int32Array(size).fill(-1);
		this.mask = size - 1;
	}

	/** The id of the coordinate's key (new ids count up from 0). */
	idOf(lng: number, lat: number): number {
		const x = Math.round(lng * 1e7);
		const y = Math.round(lat * 1e7);
		let slot = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y ^ (y >>> 15), 0x85ebca77)) & this.mask;
		for (;;) {
			const id = this.slotId[slot];
			if (id < 0) {
				this.keyX[slot] = x;
				this.keyY[slot] = y;
				this.slotId[slot] = this.count;
				return this.count++;
			}
			if (this.keyX[slot] === x && this.keyY[slot] === y) return id;
			slot = (slot + 1) & this.mask;
		}
	}
}

/** The walking network of flat lines: shared vertices (and every line end) become junction nodes. */
export function buildFlatWalkingNetwork({ coordinates, lineStart }: FlatLines): WalkingNetwork {
	const lineCount = lineStart.length - 1;
	const positionCount = lineStart[lineCount] ?? 0;
	let minLng = Infinity;
	let maxLng = -Infinity;
	let minLat = Infinity;
	let maxLat = -Infinity;
	// per position: the id of its coordinate, -1 where it repeats the previous one of its line
	const keyOf = new Int32Array(positionCount);
	const table = new CoordinateTable(positionCount);
	let useCount = new Int32Array(1024);
	for (let l = 0; l < lineCount; l++) {
		let previous = -1;
		const first = lineStart[l];
		const last = lineStart[l + 1] - 1;
		for (let p = first; p <= last; p++) {
			const lng = coordinates[2 * p];
			const lat = coordinates[2 * p + 1];
			assertPosition(lng, lat, l);
			if (lng < minLng) minLng = lng;
			if (lng > maxLng) maxLng = lng;
			if (lat < minLat) minLat = lat;
			if (lat > maxLat) maxLat = lat;
			const id = table.idOf(lng, lat);
			if (id === previous) {
				keyOf[p] = -1;
				continue;
			}
			previous = id;
			keyOf[p] = id;
			if (id >= useCount.length) {
				const grown = new Int32Array(useCount.length * 2);
				grown.set(useCount);
				useCount = grown;
			}
			// line ends always become nodes: count them twice
			useCount[id] += p === first || p === last ? 2 : 1;
		}
	}
	const projection =
		lineCount > 0
			? createProjection((minLng + maxLng) / 2, (minLat + maxLat) / 2)
			: createProjection(0, 0);

	const nodeOfKey = new Int32Array(table.count).fill(-1);
	let nodeCount = 0;
	const nodeLngs = new Float64Array(table.count);
	const nodeLats = new Float64Array(table.count);
	const edgeFroms = new Int32Array(positionCount);
	const edgeTos = new Int32Array(positionCount);
	const edgeLengths = new Float64Array(positionCount);
	const edgeStarts = new Int32Array(positionCount + 1);
	// a junction inside a line is the last vertex of one edge and the first of the next: twice
	const lngs = new Float64Array(2 * positionCount);
	const lats = new Float64Array(2 * positionCount);
	const alongs = new Float64Array(2 * positionCount);
	let edgeCount = 0;
	let vertexCount = 0;

	for (let l = 0; l < lineCount; l++) {
		let edgeStartVertex = -1;
		let startNode = -1;
		let alongM = 0;
		for (let p = lineStart[l]; p < lineStart[l + 1]; p++) {
			const key = keyOf[p];
			if (key < 0) continue;
			const lng = coordinates[2 * p];
			const lat = coordinates[2 * p + 1];
			const isNode = useCount[key] > 1;
			if (edgeStartVertex >= 0) {
				alongM += haversineM(lngs[vertexCount - 1], lats[vertexCount - 1], lng, lat);
				lngs[vertexCount] = lng;
				lats[vertexCount] = lat;
				alongs[vertexCount++] = alongM;
			}
			if (!isNode) continue;
			let node = nodeOfKey[key];
			if (node < 0) {
				node = nodeOfKey[key] = nodeCount++;
				nodeLngs[node] = lng;
				nodeLats[node] = lat;
			}
			if (edgeStartVertex >= 0) {
				edgeFroms[edgeCount] = startNode;
				edgeTos[edgeCount] = node;
				edgeLengths[edgeCount] = alongM;
				edgeStarts[edgeCount++] = edgeStartVertex;
			}
			// this junction starts the next edge of the line
			edgeStartVertex = vertexCount;
			startNode = node;
			alongM = 0;
			lngs[vertexCount] = lng;
			lats[vertexCount] = lat;
			alongs[vertexCount++] = 0;
		}
		// drop the dangling start vertex the last junction pushed
		if (edgeStartVertex >= 0) vertexCount = edgeStartVertex;
	}
	edgeStarts[edgeCount] = vertexCount;
	return assembleNetwork(
		projection,
		nodeLngs.subarray(0, nodeCount),
		nodeLats.subarray(0, nodeCount),
		{
			edgeFroms: edgeFroms.slice(0, edgeCount),
			edgeTos: edgeTos.slice(0, edgeCount),
			edgeLengths: edgeLengths.slice(0, edgeCount),
			edgeStarts: edgeStarts.slice(0, edgeCount + 1),
			lngs: lngs.slice(0, vertexCount),
			lats: lats.slice(0, vertexCount),
			alongs: alongs.slice(0, vertexCount)
		}
	);
}
