import { describe, expect, it } from 'vitest';
import {
	dailyOpenMinutes,
	evaluateTargets,
	shortfall,
	targetChanges,
	type CommunityFacts,
	type OpeningFacts
} from './targets';

describe("the plan's targets on a hand-made fixture", () => {
	const community = (code: string, urban: boolean, extra: Partial<CommunityFacts>) => ({
		code,
		urban,
		pointCategories: [],
		tierShare: {},
		fitness15Share: 1,
		ratingsInWindow: 10,
		...extra
	});
	// 5 urban and 5 rural communities
	const communities: CommunityFacts[] = [
		community('u1', true, { pointCategories: ['meal', 'legal', 'childcare'] }),
		community('u2', true, { pointCategories: ['meal', 'legal'] }),
		community('u3', true, { pointCategories: ['meal'], tierShare: { legal: 0.5 } }), // legal by reach
		community('u4', true, { tierShare: { meal: 0.8, legal: 0.49 } }), // meal by reach, legal not
		community('u5', true, { tierShare: { childcare: 0.9 }, ratingsInWindow: 4 }),
		community('r1', false, { pointCategories: ['meal', 'legal', 'childcare'] }),
		community('r2', false, { pointCategories: ['meal', 'childcare'], fitness15Share: 0.4 }),
		community('r3', false, { pointCategories: ['meal'] }),
		community('r4', false, { tierShare: { meal: 0.2 } }),
		community('r5', false, { pointCategories: ['childcare'] })
	];
	const openings: OpeningFacts[] = [
		// 08:00–12:00 and 11:00–17:00 overlap: 9 hours
		{
			servicePointId: 1,
			rules: [
				{ weekday: 1, startMinute: 480, endMinute: 720 },
				{ weekday: 1, startMinute: 660, endMinute: 1020 }
			]
		},
		// 2 hours a day: a meal sitting
		{ servicePointId: 2, rules: [{ weekday: 1, startMinute: 660, endMinute: 780 }] },
		// 8 hours on Monday but only 4 on Saturday
		{
			servicePointId: 3,
			rules: [
				{ weekday: 1, startMinute: 540, endMinute: 1020 },
				{ weekday: 6, startMinute: 540, endMinute: 780 }
			]
		},
		{ servicePointId: 4, rules: [{ weekday: 2, startMinute: 480, endMinute: 960 }] }
	];
	const rows = Object.fromEntries(evaluateTargets(communities, openings).map((r) => [r.key, r]));

	it('counts meal assistance by a point in the community or half its households within tier', () => {
		expect(rows.meal).toMatchObject({ count: 7, total: 10, target: 0.8, met: false });
	});
	it('splits 法律之家 into urban (60%) and rural (30%) communities', () => {
		expect(rows.legal_urban).toMatchObject({ count: 3, total: 5, met: true });
		expect(rows.legal_rural).toMatchObject({ count: 1, total: 5, met: false });
	});
	it('counts childcare against 50% (5 of 10 meets it)', () => {
		expect(rows.childcare).toMatchObject({ count: 5, total: 10, met: true });
	});
	it('needs the fitness circle and the surveys everywhere', () => {
		expect(rows.fitness).toMatchObject({ count: 9, total: 10, target: 1, met: false });
		expect(rows.survey).toMatchObject({ count: 9, total: 10, met: false });
	});
	it('counts service hours per opening day, overlapping rules once', () => {
		expect(dailyOpenMinutes(openings[0].rules).get(1)).toBe(540); // not a query
		expect(rows.hours).toMatchObject({ count: 2, total: 4, unit: 'points', met: false });
	});
	it('meets a target exactly at its threshold', () => {
		const four = evaluateTargets(communities.slice(0, 5), []);
		expect(four.find((r) => r.key === 'meal')).toMatchObject({ count: 4, total: 5, met: true });
	});
	it('counts how many communities a target still misses', () => {
		expect(shortfall(rows.meal)).toBe(1); // 7 of 10, 80% needs 8
		expect(shortfall(rows.legal_urban)).toBe(0);
		expect(shortfall(rows.legal_rural)).toBe(1); // 1 of 5, 30% needs 2
	});
	it('a new meal point in a community without one meets the meal target', () => {
		const [meal] = targetChanges(communities, {
			category: 'meal',
			communityCodes: ['r5'],
			tierShareAfter: {}
		});
		expect(meal).toMatchObject({ key: 'meal', missing: 0 });
		expect(meal.before).toMatchObject({ count: 7, met: false });
		expect(meal.after).toMatchObject({ count: 8, met: true });
	});
	it('a raised share counts only once it reaches half the households', () => {
		const changes = (share: number) =>
			targetChanges(communities, {
				category: 'legal',
				// stands in u1, which has 法律之家 already; r4's share rises
				communityCodes: ['u1'],
				tierShareAfter: { r4: share }
			});
		expect(changes(0.49).map((c) => [c.key, c.after.count, c.missing])).toEqual([
			['legal_urban', 3, 0],
			['legal_rural', 1, 1]
		]);
		expect(changes(0.5).find((c) => c.key === 'legal_rural')).toMatchObject({
			after: { count: 2, met: true },
			missing: 0
		});
	});
	it('a fitness point moves the 15-minute circle, not the presence in a community', () => {
		const [fitness] = targetChanges(communities, {
			category: 'fitness',
			communityCodes: ['r2'],
			tierShareAfter: {},
			fitness15ShareAfter: { r2: 0.45 }
		});
		expect(fitness).toMatchObject({ after: { count: 9 }, missing: 1 });
		const [reached] = targetChanges(communities, {
			category: 'fitness',
			communityCodes: [],
			tierShareAfter: {},
			fitness15ShareAfter: { r2: 0.6 }
		});
		expect(reached).toMatchObject({ after: { count: 10, met: true }, missing: 0 });
	});
	it('a category the plan sets no target for changes no target', () => {
		expect(
			targetChanges(communities, {
				category: 'culture',
				communityCodes: ['u1'],
				tierShareAfter: {}
			})
		).toEqual([]);
	});
});
