import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from './coverage';
import { detourFactor } from './fallback';
import { offsetM } from './fixtures/city';
import { haversineM } from './projection';
import type { LngLat } from './types';

const straightM = (a: LngLat, b: LngLat) => haversineM(a[0], a[1], b[0], b[1]);

describe('walking metres from one point to many (ranking volunteers for a help request)', () => {
	// a U-shaped street: two parallel 600 m streets joined at their far end, 60 m apart
	const network = [
		[offsetM(0, 0), offsetM(600, 0)],
		[offsetM(600, 0), offsetM(600, 60)],
		[offsetM(600, 60), offsetM(0, 60)]
	];
	const engine = createCoverageEngine({ network, facilities: [], residences: [] });
	const elder = offsetM(0, -10);

	it('walks the streets, not the straight line: across the gap is round the bend', () => {
		const [sameStreet, acrossTheGap] = engine.distancesFromPoint(elder, [
			offsetM(300, -10),
			offsetM(0, 70)
		]);
		expect(sameStreet).toBeCloseTo(10 + 300 + 10, 0);
		// 70 m as the crow flies, but 10 + 600 + 60 + 600 + 10 on foot
		expect(acrossTheGap).toBeCloseTo(1280, 0);
		expect(straightM(elder, offsetM(0, 70))).toBeLessThan(81);
	});

	it('gives null beyond the cutoff and for a point far from every street', () => {
		const [far, offNetwork] = engine.distancesFromPoint(
			elder,
			[offsetM(0, 70), offsetM(5000, 5000)],
			{ cutoffM: 1000 }
		);
		expect(far).toBeNull();
		expect(offNetwork).toBeNull();
	});

	it('falls back to the straight line × the detour factor without a network', () => {
		const estimate = createCoverageEngine({ network: [], facilities: [], residences: [] });
		const target = offsetM(400, 300);
		const [distanceM] = estimate.distancesFromPoint(elder, [target]);
		expect(distanceM).toBeCloseTo(straightM(elder, target) * detourFactor, 0);
		expect(estimate.distancesFromPoint(elder, [target], { cutoffM: 10 })).toEqual([null]);
	});
});
