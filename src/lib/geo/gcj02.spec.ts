import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';
import { haversineM } from './projection';

describe('GCJ-02 conversion', () => {
	it('shifts Jiayuguan by the usual few hundred metres', () => {
		const wgs: [number, number] = [98.29, 39.77];
		const shiftM = haversineM(...wgs, ...wgs84ToGcj02(wgs));
		expect(shiftM).toBeGreaterThan(100);
		expect(shiftM).toBeLessThan(700);
	});

	it('round-trips anywhere in China to within a centimetre', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 73.5, max: 134.5, noNaN: true }),
				fc.double({ min: 18.5, max: 53.5, noNaN: true }),
				(lng, lat) => {
					const back = gcj02ToWgs84(wgs84ToGcj02([lng, lat]));
					expect(haversineM(lng, lat, back[0], back[1])).toBeLessThan(0.01);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('leaves positions outside China unchanged', () => {
		expect(wgs84ToGcj02([2.35, 48.85])).toEqual([2.35, 48.85]);
		expect(gcj02ToWgs84([2.35, 48.85])).toEqual([2.35, 48.85]);
	});
});
