import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from '../../geo/coverage';
import { gridCity, offsetM, randomPoints } from '../../geo/fixtures/city';
import { seededRandom } from '$lib/seeded-random';
import { elderlySpeedMps, standardSpeedMps, type Facility, type LngLat } from '../../geo/types';
import { summarizeCoverage } from '../../geo/view';
import { whatIfGain } from '../../geo/whatif';
import { bestSites } from './best-sites';
import { communityChanges } from './community-gain';
import { clusterGaps } from './gaps';

/** A 2.4 km × 2.4 km city: two communities (west and east halves), a few meal points. */
function fixtureCity(seed = 7) {
	const random = seededRandom(seed);
	const network = gridCity({ seed, columns: 20, rows: 20, spacingM: 120 });
	const residences = randomPoints(400, 2400, 2400, random).map((point, i) => ({
		id: `r${i}`,
		point,
		households: 20 + Math.floor(random() * 200),
		elderly: Math.floor(random() * 60),
		children: Math.floor(random() * 10),
		communityCode: point[0] < offsetM(1200, 0)[0] ? 'west' : 'east'
	}));
	const facilities: Facility[] = [
		{ id: 'm1', category: 'meal', point: offsetM(300, 300) },
		{ id: 'm2', category: 'meal', point: offsetM(1900, 1500) },
		{ id: 'c1', category: 'childcare', point: offsetM(1200, 1200) }
	];
	const engine = createCoverageEngine({
		network,
		facilities,
		residences,
		categories: ['meal', 'childcare']
	});
	const byCommunity = new Map<string, number[]>();
	residences.forEach((r, i) =>
		byCommunity.set(r.communityCode, [...(byCommunity.get(r.communityCode) ?? []), i])
	);
	return { engine, residences, byCommunity, matrix: engine.computeMatrix() };
}

describe('what-if for one new point', () => {
	const { engine, residences, byCommunity, matrix } = fixtureCity();
	const sites: LngLat[] = [offsetM(1000, 2000), offsetM(1250, 600), offsetM(2300, 100)];

	for (const point of sites) {
		for (const speedMps of [standardSpeedMps, elderlySpeedMps]) {
			it(`equals a full recomputation with the point added (${point.map((v) => v.toFixed(4))}, ${speedMps} m/s)`, () => {
				const facility: Facility = { id: 'new', category: 'meal', point };
				const options = { speedMps, tierMinutesByCategory: { meal: 5, childcare: 5 } };
				const full = engine.withFacility(facility).computeMatrix();
				const before = summarizeCoverage(matrix, residences, options)[0];
				const after = summarizeCoverage(full, residences, options)[0];
				const whatIf = engine.whatIf(matrix, facility);
				const gain = whatIfGain(residences, matrix, whatIf, 5, speedMps);
				expect(gain.households).toBe(after.householdsCovered - before.householdsCovered);
				expect(gain.elderly).toBe(after.elderlyCovered - before.elderlyCovered);
				expect(gain.children).toBe(after.childrenCovered - before.childrenCovered);

				const changes = communityChanges(residences, byCommunity, matrix, whatIf, 5, speedMps);
				for (const [code, indices] of byCommunity) {
					const fullBefore = summarizeCoverage(matrix, residences, options, indices)[0];
					const fullAfter = summarizeCoverage(full, residences, options, indices)[0];
					const change = changes.find((c) => c.communityCode === code);
					if (fullAfter.householdsCovered === fullBefore.householdsCovered) {
						expect(change).toBeUndefined();
						continue;
					}
					expect(change!.before.householdsCovered).toBe(fullBefore.householdsCovered);
					expect(change!.after.householdsCovered).toBe(fullAfter.householdsCovered);
					expect(change!.after.elderlyCovered).toBe(fullAfter.elderlyCovered);
					expect(change!.after.childrenCovered).toBe(fullAfter.childrenCovered);
				}
			});
		}
	}

	it('several points together equal a full recomputation with all of them added', () => {
		const facilities: Facility[] = sites.map((point, i) => ({
			id: `n${i}`,
			category: 'meal',
			point
		}));
		const options = {
			speedMps: standardSpeedMps,
			tierMinutesByCategory: { meal: 5, childcare: 5 }
		};
		let full = engine;
		for (const facility of facilities) full = full.withFacility(facility);
		const fullMatrix = full.computeMatrix();
		const whatIfs = facilities.map((facility) => engine.whatIf(matrix, facility));
		const changes = communityChanges(residences, byCommunity, matrix, whatIfs, 5, standardSpeedMps);
		expect(changes.length).toBeGreaterThan(0);
		for (const [code, indices] of byCommunity) {
			const fullAfter = summarizeCoverage(fullMatrix, residences, options, indices)[0];
			const change = changes.find((c) => c.communityCode === code);
			const after =
				change?.after.householdsCovered ??
				summarizeCoverage(matrix, residences, options, indices)[0].householdsCovered;
			expect(after).toBe(fullAfter.householdsCovered);
		}
	});

	it('gains somebody at a site far from every meal point', () => {
		const whatIf = engine.whatIf(matrix, { id: 'n', category: 'meal', point: sites[0] });
		expect(whatIfGain(residences, matrix, whatIf, 5).households).toBeGreaterThan(0);
	});
});

describe('best k new sites (greedy maximal coverage)', () => {
	const { engine, residences, matrix } = fixtureCity(11);
	const uncovered = residences.filter(
		(_, r) => matrix.nearestDistanceM[r * 2 + 0] > 5 * 60 * standardSpeedMps
	);
	const candidates = uncovered.map((r) => r.point);

	it('picks first the candidate with the largest single gain, and never repeats one', () => {
		const result = bestSites(engine, matrix, {
			category: 'meal',
			tierMinutes: 5,
			candidates,
			k: 4
		});
		expect(result.sites).toHaveLength(4);
		const single = candidates.map(
			(point) =>
				whatIfGain(
					residences,
					matrix,
					engine.whatIf(matrix, { id: 'x', category: 'meal', point }),
					5
				).elderly
		);
		expect(result.sites[0].standard.elderly).toBe(Math.max(...single));
		expect(new Set(result.sites.map((s) => s.candidate)).size).toBe(4);
		// gains shrink as sites are added (each pick is the best marginal one)
		const gains = result.sites.map((s) => s.standard.elderly);
		expect([...gains].sort((a, b) => b - a)).toEqual(gains);
		// lazy evaluation: far fewer re-evaluations than k full passes
		expect(result.evaluations).toBeLessThan(candidates.length * 2);
	});

	it('reports marginal figures that add up to a full recomputation with all sites added', () => {
		const result = bestSites(engine, matrix, {
			category: 'meal',
			tierMinutes: 5,
			candidates,
			k: 3
		});
		let rebuilt = engine;
		result.sites.forEach((site, i) => {
			rebuilt = rebuilt.withFacility({ id: `s${i}`, category: 'meal', point: site.point });
		});
		const options = { speedMps: standardSpeedMps, tierMinutesByCategory: { meal: 5 } };
		const before = summarizeCoverage(matrix, residences, options)[0];
		const after = summarizeCoverage(rebuilt.computeMatrix(), residences, options)[0];
		const sum = result.sites.reduce((total, s) => total + s.standard.households, 0);
		expect(sum).toBe(after.householdsCovered - before.householdsCovered);
	});
});

describe('gaps: uncovered residences clustered into areas', () => {
	it('links residences within 300 m into one area and keeps distant ones apart', () => {
		const at = (index: number, east: number, north: number) => ({
			index,
			point: offsetM(east, north),
			households: 10,
			elderly: index,
			children: 1
		});
		const clusters = clusterGaps([
			at(0, 0, 0),
			at(1, 250, 0),
			at(2, 500, 0), // chained to 0 through 1: single linkage
			at(3, 2000, 0),
			at(4, 2000, 310) // just beyond the link
		]);
		const sorted = clusters.map((c) => [...c.members].sort()).sort((a, b) => a[0] - b[0]);
		expect(sorted).toEqual([[0, 1, 2], [3], [4]]);
		const first = clusters.find((c) => c.members.includes(0))!;
		expect(first.households).toBe(30);
		expect(first.elderly).toBe(3);
	});

	it('never links residences of different communities', () => {
		const at = (index: number, east: number, group: string) => ({
			index,
			point: offsetM(east, 0),
			households: 1,
			elderly: 0,
			children: 0,
			group
		});
		const clusters = clusterGaps([at(0, 0, 'a'), at(1, 100, 'b'), at(2, 200, 'a')]);
		expect(clusters.map((c) => c.members.sort()).sort()).toEqual([[0, 2], [1]]);
	});
});
