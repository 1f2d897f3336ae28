/**
 * Boundary tracing of a binary grid into polygons with holes. Every boundary edge of a marked cell
 * is directed with the marked cell on its left, so outer rings come out counter-clockwise and holes
 * clockwise (RFC 7946 winding). At a saddle corner the trace turns left, keeping diagonal cells apart.
 */

/** A ring in grid corner coordinates [i0, j0, i1, j1, …], not repeated at the end. */
export type GridRing = number[];

export interface GridPolygon {
	outer: GridRing;
	holes: GridRing[];
}

const stepI = [1, 0, -1, 0];
const stepJ = [0, 1, 0, -1];

export function traceGridPolygons(mask: Uint8Array, width: number, height: number): GridPolygon[] {
	const cornerWidth = width + 1;
	const outgoing = new Uint8Array(cornerWidth * (height + 1));
	const marked = (i: number, j: number) =>
		i >= 0 && j >= 0 && i < width && j < height && mask[j * width + i] === 1;
	for (let j = 0; j < height; j++) {
		for (let i = 0; i < width; i++) {
			if (!marked(i, j)) continue;
			if (!marked(i, j - 1)) outgoing[j * cornerWidth + i] |= 1;
			if (!marked(i + 1, j)) outgoing[j * cornerWidth + i + 1] |= 2;
			if (!marked(i, j + 1)) outgoing[(j + 1) * cornerWidth + i + 1] |= 4;
			if (!marked(i - 1, j)) outgoing[(j + 1) * cornerWidth + i] |= 8;
		}
	}
	const outers: { ring: GridRing; areaCells: number }[] = [];
	const holes: { ring: GridRing; testI: number; testJ: number }[] = [];
	for (let start = 0; start < outgoing.length; start++) {
		while (outgoing[start] !== 0) {
			const startDirection = 31 - Math.clz32(outgoing[start] & -outgoing[start]);
			const ring = traceRing(outgoing, cornerWidth, start, startDirection);
			const areaCells = signedArea(ring);
			if (areaCells > 0) {
				outers.push({ ring, areaCells });
			} else {
				// the marked cell left of the first edge lies inside the polygon that owns this hole
				const i = start % cornerWidth;
				const j = Math.floor(start / cornerWidth);
				const testI = i + (startDirection === 1 || startDirection === 2 ? -0.5 : 0.5);
				const testJ = j + (startDirection === 2 || startDirection === 3 ? -0.5 : 0.5);
				holes.push({ ring, testI, testJ });
			}
		}
	}
	const polygons: GridPolygon[] = outers.map(({ ring }) => ({ outer: ring, holes: [] }));
	for (const hole of holes) {
		let owner = -1;
		outers.forEach((outer, index) => {
			if (!pointInRing(outer.ring, hole.testI, hole.testJ)) return;
			if (owner < 0 || outer.areaCells < outers[owner].areaCells) owner = index;
		});
		if (owner >= 0) polygons[owner].holes.push(hole.ring);
	}
	return polygons;
}

function traceRing(
	outgoing: Uint8Array,
	cornerWidth: number,
	start: number,
	startDirection: number
): GridRing {
	const ring: GridRing = [];
	let corner = start;
	let direction = startDirection;
	outgoing[corner] &= ~(1 << direction);
	ring.push(corner % cornerWidth, Math.floor(corner / cornerWidth));
	for (;;) {
		corner += stepI[direction] + stepJ[direction] * cornerWidth;
		let next = -1;
		// left, straight, right: the successor is unique, so the first candidate that exists is it
		for (const turn of [1, 0, 3]) {
			const candidate = (direction + turn) & 3;
			if (corner === start && candidate === startDirection) return ring;
			if (outgoing[corner] & (1 << candidate)) {
				next = candidate;
				break;
			}
		}
		if (next < 0) return ring; // cannot happen on a well-formed mask; never loop forever
		outgoing[corner] &= ~(1 << next);
		if (next !== direction) ring.push(corner % cornerWidth, Math.floor(corner / cornerWidth));
		direction = next;
	}
}

/** Shoelace area in cells: positive for counter-clockwise rings. */
export function signedArea(ring: readonly number[]): number {
	let twiceArea = 0;
	const n = ring.length;
	for (let k = 0; k < n; k += 2) {
		const next = (k + 2) % n;
		twiceArea += ring[k] * ring[next + 1] - ring[next] * ring[k + 1];
	}
	return twiceArea / 2;
}

export function pointInRing(ring: readonly number[], x: number, y: number): boolean {
	let inside = false;
	const n = ring.length;
	for (let k = 0, previous = n - 2; k < n; previous = k, k += 2) {
		const xi = ring[k];
		const yi = ring[k + 1];
		const xj = ring[previous];
		const yj = ring[previous + 1];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}
