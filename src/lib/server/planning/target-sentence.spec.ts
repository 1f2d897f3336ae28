import { describe, expect, it } from 'vitest';
import { describeTargetChange, describeTargetChanges } from './target-sentence';
import type { TargetChange, TargetKey, TargetRow } from './targets';

const row = (key: TargetKey, count: number, total: number, target: number): TargetRow => ({
	key,
	unit: key === 'hours' ? 'points' : 'communities',
	count,
	total,
	value: count / total,
	target,
	met: count / total >= target - 1e-9
});
const change = (key: TargetKey, before: number, after: number, total: number, target: number) => {
	const a = row(key, after, total, target);
	return {
		key,
		before: row(key, before, total, target),
		after: a,
		missing: Math.max(0, Math.ceil(target * total - 1e-9) - after)
	} satisfies TargetChange;
};

describe('what a hypothetical point does to the plan, in one sentence', () => {
	it('says the shares before and after and how many are still missing', () => {
		expect(describeTargetChange(change('meal', 37, 38, 48, 0.8))).toBe(
			'老年助餐覆盖社区 77.1% → 79.2%，达标还差 1 个社区或村'
		);
	});
	it('names villages as villages and urban communities as 社区', () => {
		expect(describeTargetChange(change('legal_rural', 3, 4, 17, 0.3))).toBe(
			'法律之家覆盖农村社区（村） 17.6% → 23.5%，达标还差 2 个村'
		);
		expect(describeTargetChange(change('legal_urban', 17, 17, 31, 0.6))).toBe(
			'法律之家覆盖城市社区 54.8% → 54.8%，达标还差 2 个社区'
		);
	});
	it('says when the point meets the target, or that it was met before', () => {
		expect(describeTargetChange(change('childcare', 23, 24, 48, 0.5))).toBe(
			'托育服务覆盖社区 47.9% → 50.0%，由此达标'
		);
		expect(describeTargetChange(change('childcare', 30, 30, 48, 0.5))).toBe(
			'托育服务覆盖社区 62.5% → 62.5%，已达标'
		);
	});
	it('says so when the plan has no target for the category', () => {
		expect(describeTargetChanges([])).toEqual(['规划中没有这类服务的覆盖目标。']);
	});
});
