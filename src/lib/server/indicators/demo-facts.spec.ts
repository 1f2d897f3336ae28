import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../demo';
import { generateCommunityFacts } from '../demo/community-facts';
import { demoSeed } from '../demo/seed';
import { evaluateIndicators, factsState, type CommunityInput } from './definitions';

describe('the demo city’s generated community facts', () => {
	const now = Date.parse('2026-12-01T03:00:00Z');
	const city = generateDemoCity({ seed: demoSeed, scale: 1 });
	const rows = generateCommunityFacts(city, { seed: demoSeed, now });

	it('are marked generated, consistent, and leave a few communities to update', () => {
		expect(rows.every((r) => r.generated && r.confirmedByUserId === null)).toBe(true);
		expect(rows.every((r) => r.activityAreaM2 <= r.centreAreaM2)).toBe(true);
		expect(rows.every((r) => r.commercialServiceAreaM2 <= r.totalBuildingAreaM2)).toBe(true);
		expect(city.communities.length - rows.length).toBe(2);
		expect(rows.filter((r) => factsState(r.confirmedAt, now) === 'stale')).toHaveLength(3);
		const named = (name: string) => city.communities.find((c) => c.name === name)!.code;
		for (const name of ['胜利社区', '五一社区'])
			expect(rows.some((r) => r.communityCode === named(name))).toBe(true);
	});

	it('reproduce the plan’s 2020 base where it gives one', () => {
		const byCode = new Map(rows.map((r) => [r.communityCode, r]));
		const inputs: CommunityInput[] = city.communities.map((c) => {
			const homes = city.residences.filter((r) => r.communityCode === c.code);
			return {
				code: c.code,
				urban: c.kind === '社区',
				households: homes.reduce((s, r) => s + r.households, 0),
				residents: homes.reduce((s, r) => s + r.residents, 0),
				facts: byCode.get(c.code) ?? null
			};
		});
		const table = Object.fromEntries(evaluateIndicators(inputs).map((r) => [r.key, r]));
		expect(table.centre_urban.value).toBe(1);
		expect(table.centre_rural.value).toBe(1);
		expect(table.centre_per_100_households.value).toBeGreaterThanOrEqual(30);
		expect(table.workers_per_10000_urban.value).toBeCloseTo(25, 1);
		expect(table.commercial_share.value).toBeGreaterThan(0.05);
		expect(table.activity_share.value).toBeGreaterThan(0.5);
	});
});
