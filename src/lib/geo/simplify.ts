/**
 * Douglas–Peucker on flat [x0, y0, x1, y1, …] coordinates in metres, iterative (no recursion
 * depth limit on long rings).
 */
export function simplifyLine(points: readonly number[], toleranceM: number): number[] {
	const count = points.length / 2;
	if (count <= 2) return points.slice();
	const keep = new Uint8Array(count);
	keep[0] = 1;
	keep[count - 1] = 1;
	const toleranceSquared = toleranceM * toleranceM;
	const stack = [0, count - 1];
	while (stack.length > 0) {
		const last = stack.pop() as number;
		const first = stack.pop() as number;
		let farthest = -1;
		let farthestSquared = toleranceSquared;
		for (let k = first + 1; k < last; k++) {
			const squared = squaredSegmentDistance(points, k, first, last);
			if (squared > farthestSquared) {
				farthestSquared = squared;
				farthest = k;
			}
		}
		if (farthest < 0) continue;
		keep[farthest] = 1;
		stack.push(first, farthest, farthest, last);
	}
	const result: number[] = [];
	for (let k = 0; k < count; k++) if (keep[k]) result.push(points[2 * k], points[2 * k + 1]);
	return result;
}

/**
 * Simplifies a closed ring (first point not repeated) by splitting it at the point farthest from
 * its start, so both halves keep their ends; returns [] when fewer than three points survive.
 */
export function simplifyRing(ring: readonly number[], toleranceM: number): number[] {
	const count = ring.length / 2;
	if (count < 3) return [];
	let farthest = 0;
	let farthestSquared = -1;
	for (let k = 1; k < count; k++) {
		const dx = ring[2 * k] - ring[0];
		const dy = ring[2 * k + 1] - ring[1];
		if (dx * dx + dy * dy > farthestSquared) {
			farthestSquared = dx * dx + dy * dy;
			farthest = k;
		}
	}
	const firstHalf = simplifyLine(ring.slice(0, 2 * farthest + 2), toleranceM);
	const secondHalf = simplifyLine([...ring.slice(2 * farthest), ring[0], ring[1]], toleranceM);
	const simplified = [...firstHalf, ...secondHalf.slice(2, -2)];
	return simplified.length >= 6 ? simplified : [];
}

function squaredSegmentDistance(points: readonly number[], k: number, a: number, b: number) {
	const ax = points[2 * a];
	const ay = points[2 * a + 1];
	const dx = points[2 * b] - ax;
	const dy = points[2 * b + 1] - ay;
	const px = points[2 * k] - ax;
	const py = points[2 * k + 1] - ay;
	const lengthSquared = dx * dx + dy * dy;
	let t = lengthSquared > 0 ? (px * dx + py * dy) / lengthSquared : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	const ex = px - t * dx;
	const ey = py - t * dy;
	return ex * ex + ey * ey;
}
