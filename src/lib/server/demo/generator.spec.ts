import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryCodes, defaultCategories } from '../../categories';
import { communityRecords } from './data/communities';
import { generateDemoCity } from './index';
import type { DemoCity } from './types';

const city = generateDemoCity();
const residentsOf = (subject: DemoCity) =>
	subject.residences.reduce((sum, residence) => sum + residence.residents, 0);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('demo city generator', () => {
	it('gives the same city for the same seed and a different one for another seed', () => {
		expect(JSON.stringify(generateDemoCity({ seed: 20261126 }))).toBe(JSON.stringify(city));
		expect(JSON.stringify(generateDemoCity({ seed: 7 }))).not.toBe(JSON.stringify(city));
	});

	it('keeps the 5 real streets and towns and all 48 real communities with their parents and kinds', () => {
		expect(city.streets.map((street) => street.name)).toEqual([
			'雄关街道',
			'钢城街道',
			'新城镇',
			'峪泉镇',
			'文殊镇'
		]);
		expect(city.streets.filter((street) => street.urban)).toHaveLength(2);
		expect(city.communities).toHaveLength(48);
		for (const record of communityRecords) {
			const community = city.communities.find((candidate) => candidate.code === record.code);
			expect(community, record.name).toMatchObject({
				streetCode: record.streetCode,
				kind: record.kind,
				name: record.name
			});
		}
		expect(city.communities.filter((community) => community.kind === '社区')).toHaveLength(31);
		for (const community of city.communities) expect(community.phone).toMatch(/^0937-\d{7}$/);
	});

	it('houses about 312,700 residents, ~80% urban, in at least 1,000 residences', () => {
		const residents = residentsOf(city);
		expect(Math.abs(residents - 312_700) / 312_700).toBeLessThan(0.01);
		expect(city.residences.length).toBeGreaterThanOrEqual(1000);
		const urbanCodes = new Set(
			city.communities
				.filter((community) => community.kind === '社区')
				.map((community) => community.code)
		);
		const urbanResidents = sum(
			city.residences
				.filter((residence) => urbanCodes.has(residence.communityCode))
				.map((residence) => residence.residents)
		);
		expect(urbanResidents / residents).toBeCloseTo(0.8, 2);
		expect(new Set(city.residences.map((residence) => residence.key)).size).toBe(
			city.residences.length
		);
	});

	it('has realistic households, elders and small children', () => {
		const residents = residentsOf(city);
		const households = sum(city.residences.map((residence) => residence.households));
		const elders = sum(city.residences.map((residence) => residence.elderly60plus));
		const children = sum(city.residences.map((residence) => residence.children0to3));
		expect(residents / households).toBeGreaterThan(2.45);
		expect(residents / households).toBeLessThan(2.75);
		expect(elders / residents).toBeGreaterThanOrEqual(0.18);
		expect(elders / residents).toBeLessThanOrEqual(0.22);
		expect(children / residents).toBeGreaterThanOrEqual(0.025);
		expect(children / residents).toBeLessThanOrEqual(0.035);
		for (const residence of city.residences) {
			expect(residence.elderly60plus + residence.children0to3).toBeLessThanOrEqual(
				residence.residents
			);
			expect(residence.households).toBeGreaterThan(0);
		}
	});

	it('has 250–400 service points over all 8 categories, with gaps planners can find', () => {
		expect(city.servicePoints.length).toBeGreaterThanOrEqual(250);
		expect(city.servicePoints.length).toBeLessThanOrEqual(400);
		expect(new Set(city.servicePoints.map((point) => point.categoryCode))).toEqual(
			new Set(categoryCodes)
		);
		const share = (category: string, kind: '社区' | '村' | 'all') => {
			const members = city.communities.filter(
				(community) => kind === 'all' || community.kind === kind
			);
			const served = new Set(
				city.servicePoints
					.filter((point) => point.categoryCode === category)
					.map((point) => point.communityCode)
			);
			return members.filter((community) => served.has(community.code)).length / members.length;
		};
		expect(share('meal', 'all')).toBeGreaterThanOrEqual(0.7);
		expect(share('meal', 'all')).toBeLessThanOrEqual(0.85);
		expect(share('legal', '社区')).toBeGreaterThanOrEqual(0.5);
		expect(share('legal', '社区')).toBeLessThanOrEqual(0.65);
		expect(share('legal', '村')).toBeGreaterThanOrEqual(0.25);
		expect(share('legal', '村')).toBeLessThanOrEqual(0.35);
		expect(share('childcare', 'all')).toBeGreaterThanOrEqual(0.4);
		expect(share('childcare', 'all')).toBeLessThanOrEqual(0.55);
		const villageClinics = city.servicePoints.filter(
			(point) => point.categoryCode === 'clinic' && point.name.endsWith('卫生室')
		);
		expect(new Set(villageClinics.map((point) => point.communityCode)).size).toBe(17);
		for (const point of city.servicePoints) {
			expect(point.phone).toMatch(/^0937-\d{7}$/);
			expect(point.address).toMatch(/^嘉峪关市.+号$/);
			expect(point.openingText.length).toBeGreaterThan(0);
		}
	});

	it('gives opening rules to bookable categories only, keeping at most 30% for assisted bookings', () => {
		const bookable = new Set(
			defaultCategories.filter((category) => category.bookable).map((category) => category.code)
		);
		const ruled = new Set(city.openingRules.map((rule) => rule.servicePointKey));
		for (const point of city.servicePoints)
			expect(ruled.has(point.key), point.name).toBe(bookable.has(point.categoryCode));
		for (const rule of city.openingRules) {
			expect(rule.weekday).toBeGreaterThanOrEqual(1);
			expect(rule.weekday).toBeLessThanOrEqual(7);
			expect(rule.endMinute).toBeGreaterThan(rule.startMinute);
			expect((rule.endMinute - rule.startMinute) % rule.slotMinutes).toBe(0);
			expect(rule.reservedForAssisted).toBeLessThanOrEqual(Math.ceil(rule.capacity * 0.3));
		}
		const categoryOf = new Map(city.servicePoints.map((point) => [point.key, point.categoryCode]));
		const meals = city.openingRules.filter(
			(rule) => categoryOf.get(rule.servicePointKey) === 'meal'
		);
		for (const rule of meals) {
			expect(rule).toMatchObject({ startMinute: 660, endMinute: 780, slotMinutes: 30 });
			expect(rule.capacity).toBeGreaterThanOrEqual(10);
			expect(rule.capacity).toBeLessThanOrEqual(30);
			expect(rule.weekday).toBeLessThanOrEqual(6);
		}
	});

	it('for any seed, residents stay within 1% of 312,700 × scale and service points within 250–400', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
				const subject = generateDemoCity({ seed });
				expect(Math.abs(residentsOf(subject) - 312_700) / 312_700).toBeLessThan(0.01);
				expect(subject.servicePoints.length).toBeGreaterThanOrEqual(250);
				expect(subject.servicePoints.length).toBeLessThanOrEqual(400);
			}),
			{ numRuns: 4 }
		);
	});

	it('refuses a scale or seed it cannot honour', () => {
		expect(() => generateDemoCity({ scale: 0 })).toThrow(RangeError);
		expect(() => generateDemoCity({ seed: 1.5 })).toThrow(RangeError);
	});
});
