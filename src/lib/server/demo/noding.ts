/**
 * Noding: split edges where they cross or touch, so that edges meet only at shared end coordinates.
 * The lattices are noded by construction; this pass is for the rural roads, which cross village
 * lanes and each other wherever the seed puts them. Intersection points are rounded to 7 decimals
 * once and shared by both pieces.
 */
import Flatbush from 'flatbush';
import type { DraftEdge } from './draft';
import { roundCoordinate } from './projection';
import type { LngLat } from './types';

interface Split {
	segment: number;
	t: number;
	point: LngLat;
}

/** Parameters (t on a–b, u on c–d) where two segments meet, or undefined. */
function intersect(a: LngLat, b: LngLat, c: LngLat, d: LngLat): [number, number] | undefined {
	const rx = b[0] - a[0];
	const ry = b[1] - a[1];
	const sx = d[0] - c[0];
	const sy = d[1] - c[1];
	const denominator = rx * sy - ry * sx;
	if (denominator === 0) return undefined; // parallel: the generator makes no overlapping roads
	const qx = c[0] - a[0];
	const qy = c[1] - a[1];
	const t = (qx * sy - qy * sx) / denominator;
	const u = (qx * ry - qy * rx) / denominator;
	return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [t, u] : undefined;
}

const same = (p: LngLat, q: LngLat) => p[0] === q[0] && p[1] === q[1];

export function nodeEdges(edges: readonly DraftEdge[]): DraftEdge[] {
	const segmentEdge: number[] = [];
	const segmentIndex: number[] = [];
	edges.forEach((edge, edgeIndex) => {
		for (let segment = 0; segment < edge.coordinates.length - 1; segment++) {
			segmentEdge.push(edgeIndex);
			segmentIndex.push(segment);
		}
	});
	if (segmentEdge.length === 0) return [];
	const index = new Flatbush(segmentEdge.length);
	const ends = (item: number): [LngLat, LngLat] => {
		const coordinates = edges[segmentEdge[item]].coordinates;
		return [coordinates[segmentIndex[item]], coordinates[segmentIndex[item] + 1]];
	};
	for (let item = 0; item < segmentEdge.length; item++) {
		const [a, b] = ends(item);
		index.add(
			Math.min(a[0], b[0]),
			Math.min(a[1], b[1]),
			Math.max(a[0], b[0]),
			Math.max(a[1], b[1])
		);
	}
	index.finish();

	const splits = new Map<number, Split[]>();
	const addSplit = (edge: number, split: Split) => {
		const coordinates = edges[edge].coordinates;
		const atStart = split.segment === 0 && same(split.point, coordinates[0]);
		const atEnd =
			split.segment === coordinates.length - 2 && same(split.point, coordinates.at(-1)!);
		if (atStart || atEnd) return;
		const list = splits.get(edge) ?? [];
		list.push(split);
		splits.set(edge, list);
	};
	for (let item = 0; item < segmentEdge.length; item++) {
		const [a, b] = ends(item);
		const candidates = index.search(
			Math.min(a[0], b[0]),
			Math.min(a[1], b[1]),
			Math.max(a[0], b[0]),
			Math.max(a[1], b[1])
		);
		for (const other of candidates) {
			if (other <= item || segmentEdge[other] === segmentEdge[item]) continue;
			const [c, d] = ends(other);
			// Segments that only share an end are already noded there.
			if (same(a, c) || same(a, d) || same(b, c) || same(b, d)) continue;
			const hit = intersect(a, b, c, d);
			if (!hit) continue;
			const point: LngLat = [
				roundCoordinate(a[0] + hit[0] * (b[0] - a[0])),
				roundCoordinate(a[1] + hit[0] * (b[1] - a[1]))
			];
			addSplit(segmentEdge[item], { segment: segmentIndex[item], t: hit[0], point });
			addSplit(segmentEdge[other], { segment: segmentIndex[other], t: hit[1], point });
		}
	}
	return edges.flatMap((edge, edgeIndex) => splitEdge(edge, splits.get(edgeIndex)));
}

function splitEdge(edge: DraftEdge, splits: Split[] | undefined): DraftEdge[] {
	if (!splits) return [edge];
	splits.sort((p, q) => p.segment - q.segment || p.t - q.t);
	const pieces: DraftEdge[] = [];
	let current: LngLat[] = [edge.coordinates[0]];
	let nextSplit = 0;
	for (let segment = 0; segment < edge.coordinates.length - 1; segment++) {
		while (nextSplit < splits.length && splits[nextSplit].segment === segment) {
			const point = splits[nextSplit++].point;
			if (!same(point, current.at(-1)!)) current.push(point);
			if (current.length > 1) pieces.push({ ...edge, coordinates: current });
			current = [point];
		}
		const end = edge.coordinates[segment + 1];
		if (!same(end, current.at(-1)!)) current.push(end);
	}
	if (current.length > 1) pieces.push({ ...edge, coordinates: current });
	return pieces;
}
