import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from '$lib/geo';
import { bandHonesty, streetPoints, walkingDistances } from '$lib/geo/fixtures/honesty';
import { seededRandom } from '$lib/seeded-random';
import { generateDemoCity } from '../demo';
import { setting } from '../config';

// The isochrone honesty test of the coverage issue, on the generated Jiayuguan demo city itself:
// its irregular grid, dead ends and the railway crossable only at underpasses.
describe('isochrones on the demo city are honest', () => {
	const city = generateDemoCity();
	const lines = city.network.map((edge) => edge.coordinates);
	const engine = createCoverageEngine({ network: lines, facilities: [], residences: [] });
	const random = seededRandom(2026);
	const homes = [0, 97, 401, 800].map(
		(i) => city.residences[(i * 1) % city.residences.length].point
	);

	for (const [index, home] of homes.entries()) {
		for (const speedMps of [1.2, 0.9]) {
			it(`from residence sample ${index} at ${speedMps} m/s`, () => {
				const bands = engine.isochrones(home, { speedMps });
				expect(bands.reachable).toBe(true);
				const points = streetPoints(lines, 4000, random).filter(
					(p) => Math.abs(p[0] - home[0]) < 0.03 && Math.abs(p[1] - home[1]) < 0.03
				);
				const streets = { points, walkingM: walkingDistances(engine, home, points) };
				for (const band of bands.features) {
					const honesty = bandHonesty(engine, band, home, streets, random);
					if (setting('PRINT_HONESTY'))
						console.log(index, speedMps, band.properties.minutes, honesty);
					expect(honesty.inside, `${band.properties.minutes} min`).toBeGreaterThan(20);
					expect(honesty.insideReachableShare).toBeGreaterThanOrEqual(0.95);
					expect(honesty.reachableCoveredShare).toBeGreaterThanOrEqual(0.95);
					expect(honesty.bytes).toBeLessThan(50_000);
				}
			});
		}
	}
});
