import { describe, expect, it } from 'vitest';
import { generateDemoCity } from './index';

describe('benchmark city (scale 3.2)', () => {
	it('has ~1M residents, ~60k residences, ~5k service points and 150–200k edges', () => {
		const city = generateDemoCity({ scale: 3.2 });
		const residents = city.residences.reduce((sum, residence) => sum + residence.residents, 0);
		expect(Math.abs(residents - 312_700 * 3.2) / (312_700 * 3.2)).toBeLessThan(0.01);
		expect(city.residences.length).toBeGreaterThan(60_000 * 0.85);
		expect(city.residences.length).toBeLessThan(60_000 * 1.15);
		expect(city.servicePoints.length).toBeGreaterThan(5_000 * 0.8);
		expect(city.servicePoints.length).toBeLessThan(5_000 * 1.2);
		expect(city.network.length).toBeGreaterThan(150_000 * 0.85);
		expect(city.network.length).toBeLessThan(200_000 * 1.15);
	});
});
