import { describe, expect, it } from 'vitest';
import { generateDemoCity } from './index';
import {
	countComponents,
	indexSegments,
	isInsideOutline,
	project,
	sameCoordinate,
	segmentsMeet,
	segmentsOf
} from '../testing/demo';

const city = generateDemoCity();
const segments = segmentsOf(city.network);

describe('demo walking network', () => {
	it('has 5k–20k edges of the declared kinds', () => {
		expect(city.network.length).toBeGreaterThan(5000);
		expect(city.network.length).toBeLessThan(20_000);
		const kinds = new Set(city.network.map((edge) => edge.kind));
		expect(kinds).toEqual(new Set(['street', 'path', 'underpass', 'diagonal', 'rural_road']));
	});

	it('is one connected component, or documents its islands', () => {
		expect(countComponents(city.network)).toBe(1 + city.islands.length);
	});

	it('is noded: edges meet only at shared end coordinates', () => {
		const index = indexSegments(segments);
		const isEnd = (edge: number, point: [number, number]) =>
			sameCoordinate(city.network[edge].coordinates[0], point) ||
			sameCoordinate(city.network[edge].coordinates.at(-1)!, point);
		const faults: string[] = [];
		segments.forEach((segment, item) => {
			const [ax, ay] = project(segment.a);
			const [bx, by] = project(segment.b);
			for (const other of index.search(
				Math.min(ax, bx),
				Math.min(ay, by),
				Math.max(ax, bx),
				Math.max(ay, by)
			)) {
				const candidate = segments[other];
				if (other <= item || candidate.edge === segment.edge) continue;
				if (!segmentsMeet(segment.a, segment.b, candidate.a, candidate.b)) continue;
				const shared = [segment.a, segment.b].find(
					(point) => sameCoordinate(point, candidate.a) || sameCoordinate(point, candidate.b)
				);
				if (!shared || !isEnd(segment.edge, shared) || !isEnd(candidate.edge, shared))
					faults.push(`${segment.edge}×${candidate.edge}`);
			}
		});
		expect(faults).toEqual([]);
	});

	it('is crossed by the railway only at 3–4 underpasses', () => {
		const railway = city.railway!;
		expect(railway.length).toBeGreaterThanOrEqual(2);
		const crossingEdges = new Set<number>();
		for (const segment of segments) {
			for (let at = 1; at < railway.length; at++) {
				if (segmentsMeet(segment.a, segment.b, railway[at - 1], railway[at]))
					crossingEdges.add(segment.edge);
			}
		}
		const kinds = [...crossingEdges].map((edge) => city.network[edge].kind);
		expect(kinds.every((kind) => kind === 'underpass')).toBe(true);
		expect(kinds.length).toBeGreaterThanOrEqual(3);
		expect(kinds.length).toBeLessThanOrEqual(4);
		expect(city.network.filter((edge) => edge.kind === 'underpass')).toHaveLength(kinds.length);
	});

	it('lies inside the real city outline', () => {
		const outside = city.network
			.flatMap((edge) => edge.coordinates)
			.filter((point) => !isInsideOutline(point));
		expect(outside).toEqual([]);
		expect(city.railway!.every(isInsideOutline)).toBe(true);
	});
});
