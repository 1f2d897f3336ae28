/**
 * Point-in-outline and distance-to-outline in the local frame. Hand-written ray casting instead of turf
 * because the benchmark city asks ~100k times while laying out its street grid; the tests check
 * every point again with turf's booleanPointInPolygon.
 */
import { cityOutline } from '../directory/city-outline';
import { distanceToSegmentM, toLocal, type LocalPoint } from './projection';

const rings: LocalPoint[][] = cityOutline.coordinates.flatMap((polygon) =>
	polygon.map((ring) => ring.map(toLocal))
);

/** Even–odd rule over all rings: holes and separate parts both come out right. */
export function isInsideCity(point: LocalPoint): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
			const a = ring[index];
			const b = ring[previous];
			if (a.y > point.y !== b.y > point.y) {
				const crossingX = a.x + ((point.y - a.y) * (b.x - a.x)) / (b.y - a.y);
				if (point.x < crossingX) inside = !inside;
			}
		}
	}
	return inside;
}

export function distanceToOutlineM(point: LocalPoint): number {
	let nearest = Infinity;
	for (const ring of rings) {
		for (let index = 1; index < ring.length; index++) {
			nearest = Math.min(nearest, distanceToSegmentM(point, ring[index - 1], ring[index]));
		}
	}
	return nearest;
}

/** Inside the city and at least `marginM` from its outline (stops at the first outline segment too close). */
export function isWellInsideCity(point: LocalPoint, marginM: number): boolean {
	if (!isInsideCity(point)) return false;
	for (const ring of rings) {
		for (let index = 1; index < ring.length; index++) {
			const a = ring[index - 1];
			const b = ring[index];
			// Cheap rejection before the exact distance: the segment's box grown by the margin.
			if (point.x < Math.min(a.x, b.x) - marginM || point.x > Math.max(a.x, b.x) + marginM)
				continue;
			if (point.y < Math.min(a.y, b.y) - marginM || point.y > Math.max(a.y, b.y) + marginM)
				continue;
			if (distanceToSegmentM(point, a, b) < marginM) return false;
		}
	}
	return true;
}
