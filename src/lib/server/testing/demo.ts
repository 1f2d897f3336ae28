/**
 * Independent checks for the demo city tests: turf for point-in-outline, a flatbush index over
 * network segments for distances and crossings, and a union–find over exact end coordinates. They
 * do not reuse the generator's own helpers, so a bug there cannot hide itself.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { cityOutline } from '../directory/city-outline';
import type { DemoNetworkEdge, LngLat } from '../demo/types';

const metresPerDegreeLatitude = 111_320;
const metresPerDegreeLongitude = metresPerDegreeLatitude * Math.cos((39.8 * Math.PI) / 180);

/** Equirectangular metres at latitude 39.8. */
export function project(point: LngLat): [number, number] {
	return [point[0] * metresPerDegreeLongitude, point[1] * metresPerDegreeLatitude];
}

export function isInsideOutline(point: LngLat): boolean {
	return booleanPointInPolygon(point, cityOutline);
}

export interface Segment {
	edge: number;
	a: LngLat;
	b: LngLat;
}

export function segmentsOf(network: readonly DemoNetworkEdge[]): Segment[] {
	return network.flatMap((edge, index) =>
		edge.coordinates.slice(1).map((b, at) => ({ edge: index, a: edge.coordinates[at], b }))
	);
}

/** A flatbush index over segments in projected metres. */
export function indexSegments(segments: readonly Segment[]): Flatbush {
	const index = new Flatbush(segments.length);
	for (const { a, b } of segments) {
		const [ax, ay] = project(a);
		const [bx, by] = project(b);
		index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
	}
	index.finish();
	return index;
}

export function distanceToSegmentM(point: LngLat, segment: Segment): number {
	const [px, py] = project(point);
	const [ax, ay] = project(segment.a);
	const [bx, by] = project(segment.b);
	const dx = bx - ax;
	const dy = by - ay;
	const lengthSquared = dx * dx + dy * dy;
	const t = lengthSquared
		? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared))
		: 0;
	return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Distance to the nearest segment, or Infinity when none is within `searchM`. */
export function distanceToNetworkM(
	index: Flatbush,
	segments: readonly Segment[],
	point: LngLat,
	searchM: number
): number {
	const [x, y] = project(point);
	return Math.min(
		Infinity,
		...index
			.search(x - searchM, y - searchM, x + searchM, y + searchM)
			.map((item) => distanceToSegmentM(point, segments[item]))
	);
}

function orientation(p: LngLat, q: LngLat, r: LngLat): number {
	return Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
}

function onSegment(p: LngLat, q: LngLat, r: LngLat): boolean {
	return (
		Math.min(p[0], r[0]) <= q[0] &&
		q[0] <= Math.max(p[0], r[0]) &&
		Math.min(p[1], r[1]) <= q[1] &&
		q[1] <= Math.max(p[1], r[1])
	);
}

/** Whether two segments share any point (crossing or touching). */
export function segmentsMeet(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
	const o1 = orientation(a, b, c);
	const o2 = orientation(a, b, d);
	const o3 = orientation(c, d, a);
	const o4 = orientation(c, d, b);
	if (o1 !== o2 && o3 !== o4) return true;
	return (
		(o1 === 0 && onSegment(a, c, b)) ||
		(o2 === 0 && onSegment(a, d, b)) ||
		(o3 === 0 && onSegment(c, a, d)) ||
		(o4 === 0 && onSegment(c, b, d))
	);
}

export const sameCoordinate = (p: LngLat, q: LngLat) => p[0] === q[0] && p[1] === q[1];

/** Number of connected components, nodes merged on exact end coordinates. */
export function countComponents(network: readonly DemoNetworkEdge[]): number {
	const parent = new Map<string, string>();
	const find = (key: string): string => {
		let root = key;
		while (parent.get(root) !== root) root = parent.get(root)!;
		parent.set(key, root);
		return root;
	};
	const node = (point: LngLat) => {
		const key = `${point[0]},${point[1]}`;
		if (!parent.has(key)) parent.set(key, key);
		return key;
	};
	for (const edge of network) {
		const first = find(node(edge.coordinates[0]));
		const last = find(node(edge.coordinates.at(-1)!));
		if (first !== last) parent.set(first, last);
	}
	return new Set([...parent.keys()].map(find)).size;
}
