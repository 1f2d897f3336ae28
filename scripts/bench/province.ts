import type { LngLat } from '../../src/lib/geo/types';
import { generateDemoCity, defaultDemoSeed } from '../../src/lib/server/demo/index';
import { demoCityInput } from './coverage';

/**
 * A province-scale city (about 10 million residents): ten benchmark cities (scale 3.2, each its
 * own seed) laid out five by two, 0.6° apart east–west and 1.5° north–south, so that one network
 * spans latitudes where a single projection's east–west metres are off by several per cent.
 * Deterministic; generated in memory (never committed).
 */
export function provinceInput(tiles = 10, scale = 3.2): ReturnType<typeof demoCityInput> {
	const province: ReturnType<typeof demoCityInput> = { lines: [], facilities: [], residences: [] };
	for (let tile = 0; tile < tiles; tile++) {
		const dLng = (tile % 5) * 0.6;
		const dLat = Math.floor(tile / 5) * 1.5;
		const shift = ([lng, lat]: LngLat): LngLat => [lng + dLng, lat + dLat];
		const city = generateDemoCity({ scale, seed: defaultDemoSeed + tile });
		for (const edge of city.network) province.lines.push(edge.coordinates.map(shift));
		for (const point of city.servicePoints) {
			province.facilities.push({
				id: `t${tile}-${point.key}`,
				category: point.categoryCode,
				point: shift(point.point)
			});
		}
		for (const residence of city.residences) {
			province.residences.push({
				id: `t${tile}-${residence.key}`,
				point: shift(residence.point),
				households: residence.households,
				elderly: residence.elderly60plus,
				children: residence.children0to3
			});
		}
	}
	return province;
}
