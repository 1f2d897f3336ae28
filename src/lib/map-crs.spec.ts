import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDisplay, parseDisplayCrs, toDisplay } from './map-crs';
import { haversineM, type LngLat } from '$lib/geo';

const metresBetween = (a: LngLat, b: LngLat) => haversineM(a[0], a[1], b[0], b[1]);

describe('map display coordinates', () => {
	it('leaves WGS84 tiles alone', () => {
		expect(toDisplay([98.29, 39.77], 'wgs84')).toEqual([98.29, 39.77]);
		expect(parseDisplayCrs(undefined)).toBe('wgs84');
		expect(parseDisplayCrs('GCJ02')).toBe('gcj02');
	});

	it('shifts overlays onto GCJ-02 tiles by a few hundred metres in China', () => {
		const shiftM = metresBetween([98.29, 39.77], toDisplay([98.29, 39.77], 'gcj02'));
		expect(shiftM).toBeGreaterThan(100);
		expect(shiftM).toBeLessThan(1000);
	});

	it('brings a click on GCJ-02 tiles back to within a centimetre of the WGS84 point', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 97.5, max: 98.8, noNaN: true }),
				fc.double({ min: 39.4, max: 40.2, noNaN: true }),
				(lng, lat) => {
					const back = fromDisplay(toDisplay([lng, lat], 'gcj02'), 'gcj02');
					expect(metresBetween([lng, lat], back)).toBeLessThan(0.01);
				}
			)
		);
	});
});
