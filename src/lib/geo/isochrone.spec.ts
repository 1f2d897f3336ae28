import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from './coverage';
import { gridCity, offsetM } from './fixtures/city';
import { seededRandom } from '$lib/seeded-random';
import { streetPoints, walkingDistances } from './fixtures/honesty';
import type { IsochroneFeature } from './isochrone';
import type { LngLat } from './types';

const toleranceM = 50;

/** Inverse of offsetM: metres east and north of the fixture origin. */
function toLocalM(point: LngLat): [number, number] {
	const [originLng, originLat] = offsetM(0, 0);
	const [lngPerM] = offsetM(1, 0);
	const latPerM = offsetM(0, 1)[1];
	return [
		(point[0] - originLng) / (lngPerM - originLng),
		(point[1] - originLat) / (latPerM - originLat)
	];
}

describe('isochrones are honest', () => {
	const lines = gridCity({ seed: 5, columns: 24, rows: 24, spacingM: 110 });
	const engine = createCoverageEngine({ network: lines, facilities: [], residences: [] });
	const random = seededRandom(99);
	const origins: LngLat[] = [offsetM(1300, 1300), offsetM(700, 1800), offsetM(1900, 600)];

	for (const origin of origins) {
		for (const speedMps of [1.2, 0.9]) {
			it(`from ${origin.map((v) => v.toFixed(4))} at ${speedMps} m/s`, () => {
				const bands = engine.isochrones(origin, { speedMps });
				expect(bands.features.map((f) => f.properties.minutes)).toEqual([15, 10, 5]);
				const onStreets = streetPoints(lines, 5000, random);
				const streetM = walkingDistances(engine, origin, onStreets);
				for (const band of bands.features) {
					const limitM = band.properties.distanceM;
					// samples around the origin, in a square a little larger than the band can be
					const [eastM, northM] = toLocalM(origin);
					const spanM = limitM + 200;
					const samples = Array.from({ length: 800 }, () =>
						offsetM(eastM + (random() * 2 - 1) * spanM, northM + (random() * 2 - 1) * spanM)
					);
					const sampleM = walkingDistances(engine, origin, samples);
					const inside = (p: LngLat) => booleanPointInPolygon(p, band as IsochroneFeature);
					const insideIndices = samples.map((p, i) => (inside(p) ? i : -1)).filter((i) => i >= 0);
					const honest = insideIndices.filter((i) => sampleM[i] <= limitM + toleranceM);
					expect(insideIndices.length).toBeGreaterThan(20);
					expect(honest.length / insideIndices.length).toBeGreaterThanOrEqual(0.95);
					const reachable = onStreets.filter((_, i) => streetM[i] <= limitM);
					const covered = reachable.filter(inside);
					expect(covered.length / reachable.length).toBeGreaterThanOrEqual(0.95);
					expect(JSON.stringify(band).length).toBeLessThan(50_000);
				}
			});
		}
	}

	it('stays on its own bank of a river with one far bridge', () => {
		const river = [
			[offsetM(0, 0), offsetM(1500, 0)],
			[offsetM(0, 80), offsetM(1500, 80)],
			[offsetM(0, 0), offsetM(0, 80)]
		];
		const riverEngine = createCoverageEngine({ network: river, facilities: [], residences: [] });
		const [fifteen] = riverEngine.isochrones(offsetM(1400, -5), { minutes: [15] }).features;
		expect(booleanPointInPolygon(offsetM(1400, -10), fifteen)).toBe(true);
		expect(booleanPointInPolygon(offsetM(1400, 90), fifteen)).toBe(false);
	});

	it('returns no bands for an origin beyond the snap limit', () => {
		const bands = engine.isochrones(offsetM(-3000, -3000));
		expect(bands.reachable).toBe(false);
		expect(bands.features).toHaveLength(0);
	});
});
