/**
 * The plan's own indicator table (嘉峪关市"十四五"社区服务体系建设规划, 专栏1): seven indicators, their
 * 2020 base and 2025 target, computed from the facts each community's staff keep. Pure, so the
 * definitions are tested on a hand-made fixture at their thresholds.
 *
 * Definitions (also on /admin and in the README):
 * 1./2. 综合服务设施覆盖率 (rural, urban): the share of 村 (rural) / 社区 (urban) whose facts report a
 *    service centre (building area > 0);
 * 3. the communities' commercial + service building area over their total building area (sums);
 * 4. service centre building area per 100 households (sum of areas ÷ households of those communities × 100);
 * 5. 政务通用自助服务覆盖率: the share of urban communities with a self-service terminal or an online 政务
 *    service point;
 * 6. 社区工作者 per 10,000 urban residents: two-committee members + full-time community workers of the
 *    urban communities (grid workers and public-welfare posts are not counted), per 10,000 residents of
 *    those communities;
 * 7. the resident-activity area over the service centres' building area (sums).
 * Only communities with facts count; the others are listed as missing, and facts not confirmed in
 * 12 months as stale (they still count: stale is a reminder, not a deletion).
 */

import type { IndicatorKey } from '$lib/indicators-format';

export type { IndicatorKey };

export type IndicatorUnit = 'share' | 'm2_per_100_households' | 'per_10000';

export interface IndicatorDefinition {
	key: IndicatorKey;
	unit: IndicatorUnit;
	/** which communities it is over */
	over: 'rural' | 'urban' | 'all';
	/** the plan's 2020 base; null where the plan gives none (—) */
	base: number | null;
	/** the base is given as "≥ base" */
	baseAtLeast: boolean;
	/** the 2025 target (met at or above it) */
	target: number;
}

export const indicatorDefinitions: readonly IndicatorDefinition[] = [
	{ key: 'centre_rural', unit: 'share', over: 'rural', base: 1, baseAtLeast: false, target: 1 },
	{ key: 'centre_urban', unit: 'share', over: 'urban', base: 1, baseAtLeast: false, target: 1 },
	{
		key: 'commercial_share',
		unit: 'share',
		over: 'all',
		base: null,
		baseAtLeast: false,
		target: 0.1
	},
	{
		key: 'centre_per_100_households',
		unit: 'm2_per_100_households',
		over: 'all',
		base: 30,
		baseAtLeast: true,
		target: 30
	},
	{
		key: 'self_service_urban',
		unit: 'share',
		over: 'urban',
		base: null,
		baseAtLeast: false,
		target: 1
	},
	{
		key: 'workers_per_10000_urban',
		unit: 'per_10000',
		over: 'urban',
		base: 25,
		baseAtLeast: false,
		target: 26
	},
	{ key: 'activity_share', unit: 'share', over: 'all', base: null, baseAtLeast: false, target: 0.6 }
];

/** Facts not confirmed for this many months are listed as stale. */
export const staleAfterMonths = 12;

export interface Facts {
	centreAreaM2: number;
	activityAreaM2: number;
	totalBuildingAreaM2: number;
	commercialServiceAreaM2: number;
	selfService: boolean;
	committeeMembers: number;
	fullTimeWorkers: number;
	gridWorkers: number;
	publicWelfareWorkers: number;
}

export interface CommunityInput {
	code: string;
	urban: boolean;
	households: number;
	residents: number;
	facts: Facts | null;
}

export type IndicatorStatus = 'met' | 'unmet' | 'no_data';

export interface IndicatorRow extends IndicatorDefinition {
	/** null when no community of its kind has facts (or the denominator is 0) */
	value: number | null;
	status: IndicatorStatus;
	/** communities of its kind with facts, and all communities of its kind */
	reported: number;
	total: number;
}

/** 社区工作者 in the plan's sense: the two committees and full-time workers, not grid or welfare posts. */
export function communityWorkers(facts: Facts): number {
	return facts.committeeMembers + facts.fullTimeWorkers;
}

type Reported = CommunityInput & { facts: Facts };

function ratio(numerator: number, denominator: number, scale = 1): number | null {
	return denominator > 0 ? (numerator / denominator) * scale : null;
}

const sum = (items: readonly Reported[], of: (c: Reported) => number) =>
	items.reduce((total, c) => total + of(c), 0);

function valueOf(key: IndicatorKey, reported: readonly Reported[]): number | null {
	const share = (test: (f: Facts) => boolean) =>
		ratio(reported.filter((c) => test(c.facts)).length, reported.length);
	switch (key) {
		case 'centre_rural':
		case 'centre_urban':
			return share((f) => f.centreAreaM2 > 0);
		case 'self_service_urban':
			return share((f) => f.selfService);
		case 'commercial_share':
			return ratio(
				sum(reported, (c) => c.facts.commercialServiceAreaM2),
				sum(reported, (c) => c.facts.totalBuildingAreaM2)
			);
		case 'centre_per_100_households':
			return ratio(
				sum(reported, (c) => c.facts.centreAreaM2),
				sum(reported, (c) => c.households),
				100
			);
		case 'workers_per_10000_urban':
			return ratio(
				sum(reported, (c) => communityWorkers(c.facts)),
				sum(reported, (c) => c.residents),
				10000
			);
		case 'activity_share':
			return ratio(
				sum(reported, (c) => c.facts.activityAreaM2),
				sum(reported, (c) => c.facts.centreAreaM2)
			);
	}
}

/** Met at or above the target; the tiny relative tolerance keeps 26.000000001-style float noise honest. */
export function meets(value: number, target: number): boolean {
	return value >= target * (1 - 1e-9);
}

/** The seven indicators over a set of communities (the city, a street or one community). */
export function evaluateIndicators(communities: readonly CommunityInput[]): IndicatorRow[] {
	return indicatorDefinitions.map((definition) => {
		const ofKind = communities.filter(
			(c) => definition.over === 'all' || c.urban === (definition.over === 'urban')
		);
		const reported = ofKind.filter((c): c is Reported => c.facts !== null);
		const value = valueOf(definition.key, reported);
		const status: IndicatorStatus =
			value === null ? 'no_data' : meets(value, definition.target) ? 'met' : 'unmet';
		return { ...definition, value, status, reported: reported.length, total: ofKind.length };
	});
}

/** The instant before which a confirmation is stale: `staleAfterMonths` calendar months before now. */
export function staleBefore(now: number): number {
	const date = new Date(now);
	date.setUTCMonth(date.getUTCMonth() - staleAfterMonths);
	return date.getTime();
}

export type FactsState = 'missing' | 'stale' | 'current';

export function factsState(confirmedAt: Date | null, now: number): FactsState {
	if (!confirmedAt) return 'missing';
	return confirmedAt.getTime() < staleBefore(now) ? 'stale' : 'current';
}
