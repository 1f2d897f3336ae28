/**
 * The plan's 2025 targets (嘉峪关市"十四五"社区服务体系建设规划, 专栏1), evaluated from facts the
 * database gives. Pure, so the definitions are tested on a hand-made fixture with known answers.
 *
 * Definitions (also in the README and on /admin):
 * - a community "has" a category when an active service point of it stands in the community, or
 *   at least `servedShare` of its households live within the category's tier at the standard speed;
 * - the 15-minute fitness circle reaches a community when `servedShare` of its households are
 *   within 15 minutes' walk (standard speed) of a fitness site;
 * - a community is surveyed when its service points received at least `surveyMinRatings` ratings
 *   in the last 90 days;
 * - a service point meets the hours target when on every day it opens, its opening rules span at
 *   least 8 hours (overlapping rules counted once).
 */

import type { TargetKey } from '$lib/plan-targets';

export type { TargetKey };

export const servedShare = 0.5;
export const surveyMinRatings = 5;
export const surveyWindowDays = 90;
export const minimumDailyHours = 8;

export interface CommunityFacts {
	code: string;
	urban: boolean;
	/** categories with an active service point in the community */
	pointCategories: readonly string[];
	/** share of households within each category's tier at the standard speed */
	tierShare: Readonly<Record<string, number>>;
	/** share of households within 15 minutes of a fitness site at the standard speed */
	fitness15Share: number;
	ratingsInWindow: number;
}

export interface OpeningFacts {
	servicePointId: number;
	/** the point's community (the ledger evaluates the hours target per street and community) */
	communityCode?: string;
	rules: readonly { weekday: number; startMinute: number; endMinute: number }[];
}

export interface TargetRow {
	key: TargetKey;
	/** what is counted: communities, service points or community service centres */
	unit: 'communities' | 'points' | 'centres';
	count: number;
	total: number;
	value: number;
	target: number;
	met: boolean;
}

export function hasCategory(community: CommunityFacts, category: string): boolean {
	return (
		community.pointCategories.includes(category) ||
		(community.tierShare[category] ?? 0) >= servedShare
	);
}

/** Minutes open on each weekday the point opens (overlapping rules merged). */
export function dailyOpenMinutes(rules: OpeningFacts['rules']): Map<number, number> {
	const byDay = new Map<number, [number, number][]>();
	for (const rule of rules) {
		const list = byDay.get(rule.weekday) ?? [];
		list.push([rule.startMinute, rule.endMinute]);
		byDay.set(rule.weekday, list);
	}
	const minutes = new Map<number, number>();
	for (const [day, intervals] of byDay) {
		intervals.sort((a, b) => a[0] - b[0]);
		let total = 0;
		let [start, end] = intervals[0];
		for (const [s, e] of intervals.slice(1)) {
			if (s > end) {
				total += end - start;
				[start, end] = [s, e];
			} else end = Math.max(end, e);
		}
		minutes.set(day, total + end - start);
	}
	return minutes;
}

export function meetsHours(point: OpeningFacts): boolean {
	const days = dailyOpenMinutes(point.rules);
	return days.size > 0 && [...days.values()].every((m) => m >= minimumDailyHours * 60);
}

function row(
	key: TargetKey,
	unit: TargetRow['unit'],
	items: readonly unknown[],
	test: (item: never) => boolean,
	target: number
): TargetRow {
	const count = items.filter((item) => test(item as never)).length;
	const total = items.length;
	const value = total === 0 ? 0 : count / total;
	// a tiny epsilon so that e.g. 4 of 5 meets an 80% target despite floating point
	return { key, unit, count, total, value, target, met: total > 0 && value >= target - 1e-9 };
}

export function evaluateTargets(
	communities: readonly CommunityFacts[],
	openings: readonly OpeningFacts[]
): TargetRow[] {
	const urban = communities.filter((c) => c.urban);
	const rural = communities.filter((c) => !c.urban);
	const has = (category: string) => (c: CommunityFacts) => hasCategory(c, category);
	return [
		row('meal', 'communities', communities, has('meal'), 0.8),
		row('legal_urban', 'communities', urban, has('legal'), 0.6),
		row('legal_rural', 'communities', rural, has('legal'), 0.3),
		row('childcare', 'communities', communities, has('childcare'), 0.5),
		row(
			'fitness',
			'communities',
			communities,
			(c: CommunityFacts) => c.fitness15Share >= servedShare,
			1
		),
		row(
			'survey',
			'communities',
			communities,
			(c: CommunityFacts) => c.ratingsInWindow >= surveyMinRatings,
			1
		),
		row('hours', 'points', openings, meetsHours, 1)
	];
}

/** The targets a new point of a category can move (hours need opening rules, surveys ratings). */
export const targetsOfCategory: Readonly<Record<string, readonly TargetKey[]>> = {
	meal: ['meal'],
	legal: ['legal_urban', 'legal_rural'],
	childcare: ['childcare'],
	fitness: ['fitness']
};

/** Communities (or points) still missing before the row meets its target; 0 when met. */
export function shortfall(row: TargetRow): number {
	if (row.total === 0) return 0;
	// the same epsilon as `met`: 4 of 5 meets 80%
	return Math.max(0, Math.ceil(row.target * row.total - 1e-9) - row.count);
}

/** What hypothetical new points of one category change in the facts. */
export interface SitesEffect {
	category: string;
	/** communities the new points stand in (a point in the community counts as having it) */
	communityCodes: readonly string[];
	/** households' tier share after, for the communities whose share changes */
	tierShareAfter: Readonly<Record<string, number>>;
	/** 15-minute fitness share after (fitness points only) */
	fitness15ShareAfter?: Readonly<Record<string, number>>;
}

export function withSites(
	communities: readonly CommunityFacts[],
	effect: SitesEffect
): CommunityFacts[] {
	return communities.map((c) => ({
		...c,
		pointCategories: effect.communityCodes.includes(c.code)
			? [...new Set([...c.pointCategories, effect.category])]
			: c.pointCategories,
		tierShare:
			c.code in effect.tierShareAfter
				? { ...c.tierShare, [effect.category]: effect.tierShareAfter[c.code] }
				: c.tierShare,
		fitness15Share: effect.fitness15ShareAfter?.[c.code] ?? c.fitness15Share
	}));
}

export interface TargetChange {
	key: TargetKey;
	before: TargetRow;
	after: TargetRow;
	/** still missing after the change (0: met) */
	missing: number;
}

/** The plan's targets that new points of a category touch, before and after. */
export function targetChanges(
	communities: readonly CommunityFacts[],
	effect: SitesEffect
): TargetChange[] {
	const keys = targetsOfCategory[effect.category] ?? [];
	if (keys.length === 0) return [];
	const before = evaluateTargets(communities, []);
	const after = evaluateTargets(withSites(communities, effect), []);
	return keys.map((key) => {
		const a = after.find((r) => r.key === key)!;
		return { key, before: before.find((r) => r.key === key)!, after: a, missing: shortfall(a) };
	});
}
