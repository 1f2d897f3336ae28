import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from './coverage';
import { detourFactor } from './fallback';
import { gridCity, offsetM, randomPoints } from './fixtures/city';
import { seededRandom } from '$lib/seeded-random';
import { haversineM } from './projection';
import type { Facility, LngLat, Residence } from './types';
import { categoryCoverage, summarizeCoverage } from './view';
import { applyWhatIf, whatIfGain } from './whatif';

const facility = (id: string, category: string, point: LngLat): Facility => ({
	id,
	category,
	point
});
const residence = (id: string, point: LngLat, households = 10): Residence => ({
	id,
	point,
	households
});

describe('coverage on a single street', () => {
	// a 1 km street along the x axis, with a side street to split it at 500 m
	const network = [
		[offsetM(0, 0), offsetM(500, 0)],
		[offsetM(500, 0), offsetM(1000, 0)],
		[offsetM(500, 0), offsetM(500, 200)]
	];

	it('counts the off-network legs at both ends plus the walk along the street', () => {
		const engine = createCoverageEngine({
			network,
			facilities: [facility('clinic-1', 'clinic', offsetM(900, 20))],
			residences: [residence('home', offsetM(100, -30))]
		});
		const matrix = engine.computeMatrix();
		expect(matrix.method).toBe('network');
		expect(matrix.nearestDistanceM[0]).toBeCloseTo(30 + 800 + 20, 0);
		const view = categoryCoverage(matrix, engine.facilities, 0, 0, {
			speedMps: 1.2,
			tierMinutesByCategory: { clinic: 15 }
		});
		expect(view.nearestId).toBe('clinic-1');
		expect(view.minutes).toBeCloseTo(850 / 1.2 / 60, 1);
		expect(view.within).toBe(true);
		const elderly = categoryCoverage(matrix, engine.facilities, 0, 0, {
			speedMps: 0.9,
			tierMinutesByCategory: { clinic: 5 }
		});
		expect(elderly.within).toBe(false);
		expect(elderly.estimate).toBe(false);
	});

	it('walks directly along the edge when home and facility snap onto the same edge', () => {
		const engine = createCoverageEngine({
			network,
			facilities: [facility('meal-1', 'meal', offsetM(300, 10))],
			residences: [residence('home', offsetM(200, -10))]
		});
		expect(engine.computeMatrix().nearestDistanceM[0]).toBeCloseTo(10 + 100 + 10, 0);
	});

	it('ranks the second-nearest facility of the category', () => {
		const engine = createCoverageEngine({
			network,
			facilities: [
				facility('a', 'meal', offsetM(950, 0)),
				facility('b', 'meal', offsetM(300, 0)),
				facility('c', 'meal', offsetM(500, 150)),
				facility('x', 'legal', offsetM(10, 0))
			],
			residences: [residence('home', offsetM(400, 0))]
		});
		const matrix = engine.computeMatrix();
		const meal = categoryCoverage(matrix, engine.facilities, 0, engine.categories.indexOf('meal'));
		expect(meal.nearestId).toBe('b');
		expect(meal.secondId).toBe('c');
		expect(meal.secondDistanceM).toBeCloseTo(100 + 150, 0);
	});

	it('leaves residences beyond the cut-off without a nearest facility', () => {
		const engine = createCoverageEngine({
			network,
			facilities: [facility('far', 'legal', offsetM(1000, 0))],
			residences: [residence('home', offsetM(0, 0))]
		});
		const matrix = engine.computeMatrix({ cutoffM: 500 });
		expect(matrix.nearestFacility[0]).toBe(-1);
		expect(categoryCoverage(matrix, engine.facilities, 0, 0).within).toBe(false);
	});
});

describe('a river with one bridge', () => {
	// two banks 1.5 km long, 80 m apart, joined by a bridge at the west end only
	const network = [
		[offsetM(0, 0), offsetM(1500, 0)],
		[offsetM(0, 80), offsetM(1500, 80)],
		[offsetM(0, 0), offsetM(0, 80)]
	];

	it('makes homes across the river far by network though near in a straight line', () => {
		const engine = createCoverageEngine({
			network,
			facilities: [facility('clinic-north', 'clinic', offsetM(1400, 85))],
			residences: [residence('home-south', offsetM(1400, -5))]
		});
		const matrix = engine.computeMatrix();
		expect(matrix.nearestDistanceM[0]).toBeCloseTo(5 + 1400 + 80 + 1400 + 5, 0);
		const straightM = haversineM(...offsetM(1400, 85), ...offsetM(1400, -5));
		expect(straightM).toBeLessThan(100);
		const estimate = createCoverageEngine({
			network: null,
			facilities: engine.facilities,
			residences: engine.residences
		});
		const estimated = estimate.computeMatrix();
		expect(estimated.method).toBe('estimate');
		expect(estimated.nearestDistanceM[0]).toBeCloseTo(straightM * detourFactor, 3);
		expect(categoryCoverage(estimated, estimate.facilities, 0, 0).estimate).toBe(true);
	});

	it('explains the result with the walking path over the bridge', () => {
		const engine = createCoverageEngine({
			network,
			facilities: [facility('clinic-north', 'clinic', offsetM(1400, 85))],
			residences: []
		});
		const path = engine.walkingPath(offsetM(1400, -5), 'clinic-north')!;
		expect(path.distanceM).toBeCloseTo(2890, 0);
		expect(path.coordinates[0]).toEqual(offsetM(1400, -5));
		expect(path.coordinates.at(-1)).toEqual(offsetM(1400, 85));
		let lengthM = 0;
		for (let i = 1; i < path.coordinates.length; i++) {
			lengthM += haversineM(...path.coordinates[i - 1], ...path.coordinates[i]);
		}
		expect(lengthM).toBeCloseTo(path.distanceM, 0);
		// the path passes the bridge at the west end
		expect(path.coordinates.some(([lng]) => Math.abs(lng - offsetM(0, 0)[0]) < 1e-7)).toBe(true);
	});
});

describe('two components', () => {
	it('reports a facility on a separate network as unreachable, and a far home as unsnapped', () => {
		const engine = createCoverageEngine({
			network: [
				[offsetM(0, 0), offsetM(300, 0)],
				[offsetM(2000, 0), offsetM(2300, 0)]
			],
			facilities: [facility('island', 'meal', offsetM(2100, 0))],
			residences: [residence('home', offsetM(100, 0)), residence('desert', offsetM(100, 3000))]
		});
		const matrix = engine.computeMatrix({ cutoffM: 100_000 });
		expect(matrix.nearestFacility[0]).toBe(-1);
		expect(matrix.residenceReachable[1]).toBe(0);
		expect(categoryCoverage(matrix, engine.facilities, 1, 0).reachable).toBe(false);
	});
});

describe('coverage on an irregular grid city', () => {
	const network = gridCity({ seed: 3, columns: 14, rows: 14 });
	const random = seededRandom(11);
	const categories = ['meal', 'clinic', 'legal'];
	const facilities = randomPoints(24, 1700, 1700, random).map((point, i) =>
		facility(`f${i}`, categories[i % 3], point)
	);
	const residences = randomPoints(150, 1700, 1700, random).map((point, i) =>
		residence(`r${i}`, point, 1 + (i % 7))
	);
	const engine = createCoverageEngine({ network, facilities, residences });
	const matrix = engine.computeMatrix();

	it('matches single-origin searches from each home (nearest and second-nearest)', () => {
		residences.forEach((home, r) => {
			const found = engine.nearestFromPoint(home.point, { limit: 2 });
			categories.forEach((category, c) => {
				const slot = r * categories.length + c;
				const [first, second] = found.byCategory[category];
				expect(matrix.nearestDistanceM[slot]).toBeCloseTo(first?.distanceM ?? Infinity, 6);
				expect(matrix.secondDistanceM[slot]).toBeCloseTo(second?.distanceM ?? Infinity, 6);
			});
		});
	});

	it('what-if of one new facility equals a full recompute with it', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -100, max: 1800, noNaN: true }),
				fc.double({ min: -100, max: 1800, noNaN: true }),
				fc.constantFrom(...categories),
				(eastM, northM, category) => {
					const added = facility('new', category, offsetM(eastM, northM));
					const whatIf = engine.whatIf(matrix, added);
					const incremental = applyWhatIf(matrix, whatIf, facilities.length);
					const full = engine.withFacility(added).computeMatrix();
					for (let slot = 0; slot < full.nearestDistanceM.length; slot++) {
						expect(incremental.nearestDistanceM[slot]).toBeCloseTo(full.nearestDistanceM[slot], 6);
						expect(incremental.secondDistanceM[slot]).toBeCloseTo(full.secondDistanceM[slot], 6);
						expect(incremental.nearestFacility[slot]).toBe(full.nearestFacility[slot]);
					}
				}
			),
			{ numRuns: 25 }
		);
	});

	it('summarises covered households per category consistently with the per-home view', () => {
		const options = { speedMps: 0.9, tierMinutesByCategory: { meal: 5, clinic: 10, legal: 15 } };
		const summary = summarizeCoverage(matrix, residences, options);
		categories.forEach((_, c) => {
			let households = 0;
			residences.forEach((home, r) => {
				if (categoryCoverage(matrix, facilities, r, c, options).within)
					households += home.households!;
			});
			expect(summary[c].householdsCovered).toBe(households);
		});
		expect(summary[0].householdsCovered).toBeLessThan(summary[0].households);
	});
});

describe('what-if gain', () => {
	it('counts the households a new facility would bring within the tier', () => {
		const engine = createCoverageEngine({
			network: [[offsetM(0, 0), offsetM(2000, 0)]],
			facilities: [facility('old', 'meal', offsetM(0, 0))],
			residences: [
				residence('near-old', offsetM(100, 0), 5),
				residence('far', offsetM(1500, 0), 40)
			]
		});
		const matrix = engine.computeMatrix();
		const whatIf = engine.whatIf(matrix, facility('new', 'meal', offsetM(1600, 0)));
		const gain = whatIfGain(engine.residences, matrix, whatIf, 5, 1.2);
		expect(gain).toEqual({ residences: 1, households: 40, elderly: 0, children: 0 });
	});
});
