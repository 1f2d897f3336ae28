import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, bd09ToWgs84, gcj02ToBd09, wgs84ToBd09 } from './bd09';
import { coordinateDatums, fromWgs84, isCoordinateDatum, toWgs84 } from './datum';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';
import { haversineM } from './projection';
import type { LngLat } from './types';

const distanceM = (a: LngLat, b: LngLat) => haversineM(a[0], a[1], b[0], b[1]);

/**
 * Published reference values for the input (116.404, 39.915) — Beijing, by Tiananmen — from the
 * widely used coordtransform library (wandergis/coordtransform, test/app.js) and its Rust port
 * (coordtransform-rs tests): each function applied to that same input pair.
 */
const input: LngLat = [116.404, 39.915];
const published = {
	wgs84ToGcj02: [116.41024449916938, 39.91640428150164],
	gcj02ToWgs84: [116.39775550083061, 39.91359571849836],
	gcj02ToBd09: [116.41036949371029, 39.92133699351021],
	bd09ToGcj02: [116.39762729119315, 39.90865673957631],
	wgs84ToBd09: [116.41662724378733, 39.922699552216216],
	bd09ToWgs84: [116.3913836995125, 39.907253214522164]
} satisfies Record<string, LngLat>;

describe('BD-09 and GCJ-02 against published points', () => {
	const functions = {
		wgs84ToGcj02,
		gcj02ToWgs84,
		gcj02ToBd09,
		bd09ToGcj02,
		wgs84ToBd09,
		bd09ToWgs84
	};
	for (const [name, expected] of Object.entries(published)) {
		it(`${name}(116.404, 39.915) lands within 1 m of the published value`, () => {
			const actual = functions[name as keyof typeof functions](input);
			expect(distanceM(actual, expected)).toBeLessThan(1);
		});
	}

	it('the forward conversions match the published values to the last digits (same formulas)', () => {
		for (const name of ['wgs84ToGcj02', 'gcj02ToBd09', 'wgs84ToBd09'] as const) {
			const actual = functions[name](input);
			expect(actual[0]).toBeCloseTo(published[name][0], 9);
			expect(actual[1]).toBeCloseTo(published[name][1], 9);
		}
	});

	it('shifts Jiayuguan from WGS84 to BD-09 by the usual several hundred metres', () => {
		const wgs: LngLat = [98.29, 39.77];
		const shiftM = distanceM(wgs, wgs84ToBd09(wgs));
		expect(shiftM).toBeGreaterThan(500);
		expect(shiftM).toBeLessThan(1500);
	});
});

describe('BD-09 inverses', () => {
	const china = fc.tuple(
		fc.double({ min: 73.5, max: 134.5, noNaN: true }),
		fc.double({ min: 18.5, max: 53.5, noNaN: true })
	);

	it('bd09ToGcj02 inverts gcj02ToBd09 to below 1e-7° anywhere in China', () => {
		fc.assert(
			fc.property(china, (gcj) => {
				const back = bd09ToGcj02(gcj02ToBd09(gcj));
				expect(Math.abs(back[0] - gcj[0])).toBeLessThan(1e-7);
				expect(Math.abs(back[1] - gcj[1])).toBeLessThan(1e-7);
			}),
			{ numRuns: 500 }
		);
	});

	it('bd09ToWgs84 inverts wgs84ToBd09, and gcj02ToWgs84 inverts wgs84ToGcj02, below 1e-7°', () => {
		fc.assert(
			fc.property(china, (wgs) => {
				for (const back of [bd09ToWgs84(wgs84ToBd09(wgs)), gcj02ToWgs84(wgs84ToGcj02(wgs))]) {
					expect(Math.abs(back[0] - wgs[0])).toBeLessThan(1e-7);
					expect(Math.abs(back[1] - wgs[1])).toBeLessThan(1e-7);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('outside China only the BD-09 step applies, and it still inverts', () => {
		const paris: LngLat = [2.35, 48.85];
		expect(wgs84ToBd09(paris)).toEqual(gcj02ToBd09(paris));
		expect(distanceM(bd09ToWgs84(wgs84ToBd09(paris)), paris)).toBeLessThan(0.001);
	});
});

describe('datum dispatch', () => {
	it('toWgs84 undoes fromWgs84 for every datum, and WGS84 is the identity', () => {
		const jiayuguan: LngLat = [98.2899, 39.7726];
		for (const datum of coordinateDatums) {
			expect(distanceM(toWgs84(fromWgs84(jiayuguan, datum), datum), jiayuguan)).toBeLessThan(0.01);
		}
		expect(toWgs84(jiayuguan, 'wgs84')).toEqual(jiayuguan);
		expect(fromWgs84(input, 'bd09')).toEqual(wgs84ToBd09(input));
		expect(toWgs84(input, 'gcj02')).toEqual(gcj02ToWgs84(input));
	});

	it('recognises only the three datum names', () => {
		expect(coordinateDatums.every(isCoordinateDatum)).toBe(true);
		for (const value of ['WGS84', 'gcj-02', '', 'bd09mc', null, 3]) {
			expect(isCoordinateDatum(value)).toBe(false);
		}
	});
});
