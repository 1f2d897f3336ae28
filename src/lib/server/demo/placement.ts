/**
 * Putting places beside streets: residences and service points are drawn to edges near their
 * community's centre and set back a few tens of metres, so that every place is within walking reach
 * of the network (the tests require ≤ 150 m to the nearest edge).
 */
import type { DraftEdge } from './draft';
import { toLocal, type LocalPoint } from './projection';
import type { Random } from './random';

/** The edges of one community, drawn with a Gaussian preference for those near its centre. */
export class EdgeSampler {
	private readonly cumulativeWeights: number[] = [];

	constructor(
		private readonly edges: readonly DraftEdge[],
		centre: LocalPoint,
		spreadM: number
	) {
		let total = 0;
		for (const edge of edges) {
			const first = toLocal(edge.coordinates[0]);
			const last = toLocal(edge.coordinates.at(-1)!);
			const dx = (first.x + last.x) / 2 - centre.x;
			const dy = (first.y + last.y) / 2 - centre.y;
			// A small floor keeps the fringe of a community inhabited, if thinly.
			total += Math.exp(-(dx * dx + dy * dy) / (2 * spreadM * spreadM)) + 0.002;
			this.cumulativeWeights.push(total);
		}
	}

	sample(random: Random): DraftEdge {
		const target = random.next() * this.cumulativeWeights.at(-1)!;
		let low = 0;
		let high = this.cumulativeWeights.length - 1;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.cumulativeWeights[middle] < target) low = middle + 1;
			else high = middle;
		}
		return this.edges[low];
	}
}

/** A point beside an edge: somewhere along it, set back `minOffsetM`–`maxOffsetM` to either side. */
export function pointBesideEdge(
	random: Random,
	edge: DraftEdge,
	minOffsetM: number,
	maxOffsetM: number
): LocalPoint {
	const segment = random.integer(0, edge.coordinates.length - 2);
	const a = toLocal(edge.coordinates[segment]);
	const b = toLocal(edge.coordinates[segment + 1]);
	const t = random.between(0.15, 0.85);
	const lengthM = Math.hypot(b.x - a.x, b.y - a.y) || 1;
	const offsetM = random.between(minOffsetM, maxOffsetM) * (random.chance(0.5) ? 1 : -1);
	return {
		x: a.x + t * (b.x - a.x) - (offsetM * (b.y - a.y)) / lengthM,
		y: a.y + t * (b.y - a.y) + (offsetM * (b.x - a.x)) / lengthM
	};
}

/** A point within `radiusM` of another (uniform over the disc). */
export function pointNear(random: Random, origin: LocalPoint, radiusM: number): LocalPoint {
	const distance = radiusM * Math.sqrt(random.next());
	const angle = random.between(0, 2 * Math.PI);
	return { x: origin.x + distance * Math.cos(angle), y: origin.y + distance * Math.sin(angle) };
}

/**
 * Split a whole number in proportion to weights, exactly (largest remainder), so that totals such as
 * the city's residents come out to the person.
 */
export function splitWhole(total: number, weights: readonly number[]): number[] {
	const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
	const exact = weights.map((weight) => (total * weight) / weightSum);
	const parts = exact.map(Math.floor);
	let remaining = total - parts.reduce((sum, part) => sum + part, 0);
	const byRemainder = exact
		.map((value, index) => ({ index, remainder: value - Math.floor(value) }))
		.sort((p, q) => q.remainder - p.remainder || p.index - q.index);
	for (const { index } of byRemainder) {
		if (remaining-- <= 0) break;
		parts[index]++;
	}
	return parts;
}
