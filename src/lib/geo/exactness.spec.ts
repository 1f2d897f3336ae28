import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from './coverage';
import { randomNetwork, type RandomCity } from './fixtures/random-network';
import {
	agreesWithReference,
	nearestOf,
	ReferenceNetwork,
	referenceDistances,
	type DistanceRange
} from './fixtures/reference';
import { haversineM } from './projection';
import type { LngLat } from './types';
import { applyWhatIf, whatIfGain } from './whatif';

/**
 * The engine against the obvious implementation (fixtures/reference.ts) on random networks built
 * to break it. Exact means: every distance within 1 m of the reference's, and the same answer to
 * "is there one within the cut-off" except where the reference's distance is within 1 m of it.
 * Where a point is equally near two streets, either street is a right answer (the reference gives
 * the range).
 */
const toleranceM = 1;
const cutoffM = 1500;
/** the matrix is also asked at cut-offs that fall among the distances, so "none within" is tested */
const shorterCutoffsM = [400, 150];

function agrees(engineM: number, range: DistanceRange, limitM = cutoffM): boolean {
	return agreesWithReference(engineM, range, limitM, toleranceM);
}

function describeMismatch(what: string, engineM: number, range: DistanceRange): string {
	return `${what}: engine ${engineM.toFixed(2)} m, reference ${range.lowM.toFixed(2)}–${range.highM.toFixed(2)} m`;
}

function checkCity(city: RandomCity): { pairs: number; mismatches: string[] } {
	const engine = createCoverageEngine({
		network: city.lines,
		facilities: city.facilities,
		residences: city.residences
	});
	const reference = new ReferenceNetwork(city.lines);
	const facilityJoins = city.facilities.map((f) => reference.joins(f.point));
	const byCategory = engine.categories.map((category) =>
		city.facilities.flatMap((f, i) => (f.category === category ? [i] : []))
	);
	const matrices = [cutoffM, ...shorterCutoffsM].map((limitM) =>
		engine.computeMatrix({ cutoffM: limitM })
	);
	const mismatches: string[] = [];
	let pairs = 0;

	// the matrix: nearest and second nearest per residence and category, at each cut-off
	city.residences.forEach((residence, r) => {
		const ranges = referenceDistances(reference, residence.point, facilityJoins, cutoffM + 10);
		byCategory.forEach((indices, c) => {
			const slot = r * engine.categories.length + c;
			const nearest = nearestOf(ranges, indices);
			const exact = indices.every((i) => ranges[i].lowM === ranges[i].highM);
			const sorted = indices.map((i) => ranges[i].lowM).sort((a, b) => a - b);
			for (const matrix of matrices) {
				pairs++;
				const what = `${residence.id} ${engine.categories[c]} within ${matrix.cutoffM} m`;
				if (!agrees(matrix.nearestDistanceM[slot], nearest, matrix.cutoffM)) {
					mismatches.push(
						describeMismatch(`matrix ${what}`, matrix.nearestDistanceM[slot], nearest)
					);
				}
				if (exact && indices.length >= 2) {
					const second = { lowM: sorted[1], highM: sorted[1] };
					if (!agrees(matrix.secondDistanceM[slot], second, matrix.cutoffM)) {
						mismatches.push(
							describeMismatch(`second ${what}`, matrix.secondDistanceM[slot], second)
						);
					}
				}
			}
		});
	});

	// the single-origin query: the three nearest per category
	for (const origin of city.origins) {
		const ranges = referenceDistances(reference, origin, facilityJoins, cutoffM + 10);
		const found = engine.nearestFromPoint(origin, { cutoffM, limit: 3 });
		byCategory.forEach((indices, c) => {
			const expected = indices.map((i) => ranges[i]).sort((a, b) => a.lowM - b.lowM);
			const listed = found.byCategory[engine.categories[c]] ?? [];
			listed.forEach((item, k) => {
				pairs++;
				if (!agrees(item.distanceM, expected[k])) {
					mismatches.push(
						describeMismatch(
							`nearestFromPoint #${k + 1} ${engine.categories[c]}`,
							item.distanceM,
							expected[k]
						)
					);
				}
			});
			const within = expected.filter((range) => range.highM < cutoffM - toleranceM).length;
			if (listed.length < Math.min(3, within)) {
				mismatches.push(
					`nearestFromPoint ${engine.categories[c]}: ${listed.length} listed, ${within} within reach`
				);
			}
		});
	}
	return { pairs, mismatches };
}

const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

describe('the coverage engine is exact on random networks', () => {
	it.each(seeds)('one town, seed %i: matrix and single-origin queries', (seed) => {
		const { pairs, mismatches } = checkCity(randomNetwork({ seed, towns: 1 }));
		expect(pairs).toBeGreaterThan(100);
		expect(mismatches).toEqual([]);
	});

	it.each(seeds)('towns 6° of latitude apart (a province), seed %i', (seed) => {
		const { mismatches } = checkCity(
			randomNetwork({ seed: 100 + seed, towns: 3, latitudeSpreadDeg: 6, residencesPerTown: 120 })
		);
		expect(mismatches).toEqual([]);
	});

	it.each(seeds)('a hypothetical service: what-if distances and gain, seed %i', (seed) => {
		const city = randomNetwork({ seed: 200 + seed, towns: 2, latitudeSpreadDeg: 4 });
		const engine = createCoverageEngine({
			network: city.lines,
			facilities: city.facilities,
			residences: city.residences
		});
		const reference = new ReferenceNetwork(city.lines);
		const matrix = engine.computeMatrix({ cutoffM });
		const category = engine.categories[0];
		const c = 0;
		const added = { id: 'new', category, point: city.origins[seed % city.origins.length] };
		const whatIf = engine.whatIf(matrix, added);
		const updated = applyWhatIf(matrix, whatIf, city.facilities.length);
		const joins = [...city.facilities, added].map((f) => reference.joins(f.point));
		const indices = [...city.facilities, added].flatMap((f, i) =>
			f.category === category ? [i] : []
		);
		const limitM = 10 * 60 * 1.0;
		let gainLow = 0;
		let gainHigh = 0;
		const mismatches: string[] = [];
		city.residences.forEach((residence, r) => {
			const ranges = referenceDistances(reference, residence.point, joins, cutoffM + 10);
			const slot = r * engine.categories.length + c;
			const nearest = nearestOf(ranges, indices);
			if (!agrees(updated.nearestDistanceM[slot], nearest)) {
				mismatches.push(
					describeMismatch(`what-if ${residence.id}`, updated.nearestDistanceM[slot], nearest)
				);
			}
			// newly within 10 minutes at 1 m/s: surely, or possibly (a distance within 1 m of the limit)
			const before = nearestOf(ranges, indices.slice(0, -1));
			const withNew = ranges[ranges.length - 1];
			const households = residence.households ?? 1;
			if (before.lowM > limitM + toleranceM && withNew.highM < limitM - toleranceM)
				gainLow += households;
			if (before.highM > limitM - toleranceM && withNew.lowM <= limitM + toleranceM)
				gainHigh += households;
		});
		expect(mismatches).toEqual([]);
		const gain = whatIfGain(city.residences, matrix, whatIf, 10, 1.0);
		expect(gain.households).toBeGreaterThanOrEqual(gainLow);
		expect(gain.households).toBeLessThanOrEqual(gainHigh);
	});

	it.each(seeds)('isochrone bands hold every street point within them, seed %i', (seed) => {
		const city = randomNetwork({ seed: 300 + seed, towns: 2, latitudeSpreadDeg: 5 });
		const engine = createCoverageEngine({
			network: city.lines,
			facilities: city.facilities,
			residences: city.residences
		});
		const reference = new ReferenceNetwork(city.lines);
		const vertexJoins = reference.lngLat.map((position) => reference.joins(position));
		const origin = city.origins[seed % city.origins.length];
		const ranges = referenceDistances(reference, origin, vertexJoins, 700);
		const collection = engine.isochrones(origin, { minutes: [5, 10], speedMps: 1 });
		const misses: string[] = [];
		for (const feature of collection.features) {
			const polygons =
				feature.geometry.type === 'Polygon'
					? [feature.geometry.coordinates]
					: feature.geometry.coordinates;
			const bandM = feature.properties.distanceM;
			reference.lngLat.forEach((position, v) => {
				const inside = polygons.some((polygon) => insidePolygon(position, polygon));
				// a street point the band must hold (its cell, simplified by at most 8 m, is within slack)
				if (ranges[v].highM <= bandM - 30 && !inside && distanceToRings(position, polygons) > 12) {
					misses.push(`${bandM} m band misses a point ${ranges[v].highM.toFixed(0)} m away`);
				}
				// nothing farther in a straight line than the band, its slack and its margin
				const straightM = haversineM(origin[0], origin[1], position[0], position[1]);
				if (inside && straightM > bandM + 20 + 80 + 40) {
					misses.push(
						`${bandM} m band holds a point ${straightM.toFixed(0)} m away in a straight line`
					);
				}
			});
		}
		expect(collection.reachable).toBe(true);
		expect(misses).toEqual([]);
	});
});

function insideRing(point: LngLat, ring: readonly LngLat[]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (
			yi > point[1] !== yj > point[1] &&
			point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi
		) {
			inside = !inside;
		}
	}
	return inside;
}

function insidePolygon(point: LngLat, polygon: readonly (readonly LngLat[])[]): boolean {
	return insideRing(point, polygon[0]) && !polygon.slice(1).some((hole) => insideRing(point, hole));
}

/** Metres from a point to the nearest ring vertex (a coarse bound, enough for a tolerance). */
function distanceToRings(
	point: LngLat,
	polygons: readonly (readonly (readonly LngLat[])[])[]
): number {
	let best = Infinity;
	for (const polygon of polygons) {
		for (const ring of polygon) {
			for (let i = 0; i + 1 < ring.length; i++) {
				best = Math.min(best, segmentDistanceM(point, ring[i], ring[i + 1]));
			}
		}
	}
	return best;
}

function segmentDistanceM(p: LngLat, a: LngLat, b: LngLat): number {
	const xPerDegree = 111_195 * Math.cos((p[1] * Math.PI) / 180);
	const ax = (a[0] - p[0]) * xPerDegree;
	const ay = (a[1] - p[1]) * 111_195;
	const dx = (b[0] - a[0]) * xPerDegree;
	const dy = (b[1] - a[1]) * 111_195;
	const lengthSquared = dx * dx + dy * dy;
	const t = Math.min(1, Math.max(0, lengthSquared > 0 ? -(ax * dx + ay * dy) / lengthSquared : 0));
	return Math.hypot(ax + t * dx, ay + t * dy);
}
