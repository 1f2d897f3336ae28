import { describe, expect, it } from 'vitest';
import { generateDemoCity } from './index';
import { distanceToNetworkM, indexSegments, isInsideOutline, segmentsOf } from '../testing/demo';
import type { LngLat } from './types';

const city = generateDemoCity();
const segments = segmentsOf(city.network);
const index = indexSegments(segments);

describe('demo city places', () => {
	const places: [string, LngLat][] = [
		...city.communities.map((community): [string, LngLat] => [community.name, community.centre]),
		...city.residences.map((residence): [string, LngLat] => [residence.name, residence.point]),
		...city.servicePoints.map((point): [string, LngLat] => [point.name, point.point])
	];

	it('puts every community centre, residence and service point inside the real city outline', () => {
		expect(places.filter(([, point]) => !isInsideOutline(point)).map(([name]) => name)).toEqual([]);
	});

	it('puts every residence and service point within 150 m of a street', () => {
		const far = places.filter(([, point]) => distanceToNetworkM(index, segments, point, 150) > 150);
		expect(far.map(([name]) => name)).toEqual([]);
	});

	it('keeps each place in its own community', () => {
		const codes = new Set(city.communities.map((community) => community.code));
		for (const residence of city.residences) expect(codes.has(residence.communityCode)).toBe(true);
		for (const point of city.servicePoints) expect(codes.has(point.communityCode)).toBe(true);
	});
});
