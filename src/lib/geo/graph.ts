import { assembleNetwork } from './graph-csr';
import { createProjection, haversineM } from './projection';
import type { LngLat } from './types';
import type { WalkingNetwork } from './network';

/** 1e-7 degrees ≈ 1 cm: coordinates closer than that are the same junction. */
function coordinateKey(lng: number, lat: number): string {
	return `${Math.round(lng * 1e7)}:${Math.round(lat * 1e7)}`;
}

function assertPosition(position: LngLat, lineIndex: number): void {
	const [lng, lat] = position;
	if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
		throw new Error(`Line ${lineIndex}: coordinate [${lng}, ${lat}] is not a WGS84 position`);
	}
}

/** Counts how often each coordinate is used so that shared vertices become junction nodes. */
function countVertexUse(lines: readonly LngLat[][]): Map<string, number> {
	const useCount = new Map<string, number>();
	lines.forEach((line, lineIndex) => {
		let previousKey = '';
		for (let i = 0; i < line.length; i++) {
			assertPosition(line[i], lineIndex);
			const key = coordinateKey(line[i][0], line[i][1]);
			if (key === previousKey) continue;
			previousKey = key;
			// line ends always become nodes: count them twice
			const isEnd = i === 0 || i === line.length - 1;
			useCount.set(key, (useCount.get(key) ?? 0) + (isEnd ? 2 : 1));
		}
	});
	return useCount;
}

export function buildWalkingNetwork(lines: readonly LngLat[][]): WalkingNetwork {
	const useCount = countVertexUse(lines);
	let minLng = Infinity;
	let maxLng = -Infinity;
	let minLat = Infinity;
	let maxLat = -Infinity;
	for (const line of lines) {
		for (const [lng, lat] of line) {
			minLng = Math.min(minLng, lng);
			maxLng = Math.max(maxLng, lng);
			minLat = Math.min(minLat, lat);
			maxLat = Math.max(maxLat, lat);
		}
	}
	const projection =
		lines.length > 0
			? createProjection((minLng + maxLng) / 2, (minLat + maxLat) / 2)
			: createProjection(0, 0);

	const nodeIndex = new Map<string, number>();
	const nodeLngs: number[] = [];
	const nodeLats: number[] = [];
	const nodeFor = (key: string, lng: number, lat: number): number => {
		let index = nodeIndex.get(key);
		if (index === undefined) {
			index = nodeLngs.length;
			nodeIndex.set(key, index);
			nodeLngs.push(lng);
			nodeLats.push(lat);
		}
		return index;
	};

	const edgeFroms: number[] = [];
	const edgeTos: number[] = [];
	const edgeLengths: number[] = [];
	const edgeStarts: number[] = [];
	const lngs: number[] = [];
	const lats: number[] = [];
	const alongs: number[] = [];

	for (const line of lines) {
		let edgeStartVertex = -1;
		let startNode = -1;
		let alongM = 0;
		let previousKey = '';
		for (let i = 0; i < line.length; i++) {
			const [lng, lat] = line[i];
			const key = coordinateKey(lng, lat);
			if (key === previousKey) continue;
			previousKey = key;
			const isNode = (useCount.get(key) ?? 0) > 1;
			if (edgeStartVertex >= 0) {
				alongM += haversineM(lngs[lngs.length - 1], lats[lats.length - 1], lng, lat);
				lngs.push(lng);
				lats.push(lat);
				alongs.push(alongM);
			}
			if (!isNode) continue;
			const node = nodeFor(key, lng, lat);
			if (edgeStartVertex >= 0) {
				edgeFroms.push(startNode);
				edgeTos.push(node);
				edgeLengths.push(alongM);
				edgeStarts.push(edgeStartVertex);
			}
			// this junction starts the next edge of the line
			edgeStartVertex = lngs.length;
			startNode = node;
			alongM = 0;
			lngs.push(lng);
			lats.push(lat);
			alongs.push(0);
		}
		// drop the dangling start vertex the last junction pushed
		if (edgeStartVertex >= 0) {
			lngs.length = edgeStartVertex;
			lats.length = edgeStartVertex;
			alongs.length = edgeStartVertex;
		}
	}
	edgeStarts.push(lngs.length);
	return assembleNetwork(projection, nodeLngs, nodeLats, {
		edgeFroms,
		edgeTos,
		edgeLengths,
		edgeStarts,
		lngs,
		lats,
		alongs
	});
}
