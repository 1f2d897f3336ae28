import { describe, expect, it } from 'vitest';
import { answerSentence, reachOf } from './life-circle-answer';
import type { Locale } from '$lib/paraglide/runtime';

const names: Record<string, Record<string, string>> = {
	'zh-CN': {
		meal: '老年助餐',
		childcare: '托育',
		clinic: '社区卫生',
		legal: '法律之家',
		fitness: '健身场地'
	},
	en: {
		meal: 'Meal assistance',
		childcare: 'Childcare',
		clinic: 'Clinic',
		legal: 'Legal aid',
		fitness: 'Fitness'
	}
};
const say = (groups: { category: string; minutes: number | null }[], locale: Locale) =>
	answerSentence(groups, (code) => names[locale][code], locale);

describe('reading a walking time against a category tier', () => {
	it('keeps the warning for more than 15 minutes, not for missing a 5-minute tier', () => {
		expect(reachOf(5, 5)).toBe('tier');
		expect(reachOf(7, 5)).toBe('circle');
		expect(reachOf(15, 5)).toBe('circle');
		expect(reachOf(15, 15)).toBe('tier');
		expect(reachOf(16, 15)).toBe('beyond');
		expect(reachOf(16, 5)).toBe('beyond');
		expect(reachOf(null, 5)).toBe('none');
	});
});

describe('the one-line answer above the life-circle list', () => {
	it('says so when every category is within 15 minutes', () => {
		const groups = [
			{ category: 'meal', minutes: 2 },
			{ category: 'childcare', minutes: 15 },
			{ category: 'legal', minutes: 9 }
		];
		expect(say(groups, 'zh-CN')).toBe('15 分钟内可到全部 3 类服务。');
		expect(say(groups, 'en')).toBe('All 3 kinds of service are within a 15-minute walk.');
	});

	it('names the one category beyond 15 minutes with its minutes', () => {
		const groups = [
			{ category: 'meal', minutes: 7 },
			{ category: 'childcare', minutes: 18 },
			{ category: 'clinic', minutes: 3 }
		];
		expect(say(groups, 'zh-CN')).toBe('15 分钟内可到 3 类中的 2 类；托育需步行 18 分钟。');
		expect(say(groups, 'en')).toBe(
			'2 of 3 kinds of service are within a 15-minute walk; Childcare takes 18 minutes on foot.'
		);
	});

	it('names several in list order, a missing one plainly, and counts the rest past three', () => {
		const groups = [
			{ category: 'meal', minutes: 16 },
			{ category: 'childcare', minutes: null },
			{ category: 'clinic', minutes: 4 },
			{ category: 'legal', minutes: 22 }
		];
		expect(say(groups, 'zh-CN')).toBe(
			'15 分钟内可到 4 类中的 1 类；老年助餐需步行 16 分钟，步行范围内没有托育，法律之家需步行 22 分钟。'
		);
		expect(say(groups, 'en')).toBe(
			'1 of 4 kinds of service are within a 15-minute walk; Meal assistance takes 16 minutes on foot; Childcare: none within walking distance; Legal aid takes 22 minutes on foot.'
		);
		const five = [...groups, { category: 'fitness', minutes: 30 }];
		expect(say(five, 'zh-CN')).toBe(
			'15 分钟内可到 5 类中的 1 类；老年助餐需步行 16 分钟，步行范围内没有托育，法律之家需步行 22 分钟，另有 1 类更远。'
		);
		expect(say(five, 'en')).toMatch(/; 1 more are farther\.$/);
	});

	it('says when nothing is within 15 minutes, and when nothing is in walking range at all', () => {
		const far = [
			{ category: 'meal', minutes: 20 },
			{ category: 'childcare', minutes: null }
		];
		expect(say(far, 'zh-CN')).toBe(
			'15 分钟内到不了任何一类服务；老年助餐需步行 20 分钟，步行范围内没有托育。'
		);
		expect(say(far, 'en')).toBe(
			'None of the kinds of service is within a 15-minute walk; Meal assistance takes 20 minutes on foot; Childcare: none within walking distance.'
		);
		const nothing = [
			{ category: 'meal', minutes: null },
			{ category: 'childcare', minutes: null }
		];
		expect(say(nothing, 'zh-CN')).toBe('步行范围内没有找到服务点。');
		expect(say(nothing, 'en')).toBe('No service point found within walking distance.');
	});
});
