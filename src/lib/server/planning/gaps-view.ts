import type { Db } from '../db';
import { uncoveredResidences, type SpeedName, type UncoveredResidence } from './coverage-view';
import { clusterGaps } from './gaps';
import type { PlanningScope } from './scope';
import { peopleMeasure, type PeopleMeasure } from './weights';

export const gapLinkM = 300;

export interface Gap {
	rank: number;
	centre: [number, number];
	residences: UncoveredResidence[];
	households: number;
	elders: number;
	children: number;
	communityNames: string[];
	/** the gap explained: the nearest point from its largest residence, and how far it walks */
	nearestName: string | null;
	nearestMinutes: number | null;
	minutesRange: [number, number] | null;
}

/**
 * A category's uncovered residences clustered into areas (single linkage within 300 m, inside
 * one community), ranked
 * by the people they hold: elders for meal assistance and day care, small children for
 * childcare, households otherwise.
 */
export function gaps(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName = 'standard'
): { measure: PeopleMeasure; gaps: Gap[] } {
	const uncovered = uncoveredResidences(db, scope, category, speed);
	const measure = peopleMeasure(category);
	const names = new Map(scope.communities.map((c) => [c.code, c.name]));
	const clusters = clusterGaps(
		uncovered.map((r, index) => ({
			index,
			point: r.point,
			households: r.households,
			elderly: r.elders,
			children: r.children,
			group: r.communityCode
		})),
		gapLinkM
	);
	const weight = (r: { households: number; elderly: number; children: number }) =>
		measure === 'elderly' ? r.elderly : measure === 'children' ? r.children : r.households;
	const ranked = clusters
		.sort((a, b) => weight(b) - weight(a) || b.households - a.households)
		.map((cluster, i): Gap => {
			const members = cluster.members.map((m) => uncovered[m]);
			const largest = members.reduce((best, r) =>
				weight({ ...r, elderly: r.elders }) > weight({ ...best, elderly: best.elders }) ? r : best
			);
			const minutes = members.flatMap((r) => (r.nearestMinutes === null ? [] : [r.nearestMinutes]));
			return {
				rank: i + 1,
				centre: cluster.centre as [number, number],
				residences: members,
				households: cluster.households,
				elders: cluster.elderly,
				children: cluster.children,
				communityNames: [...new Set(members.map((r) => names.get(r.communityCode) ?? ''))],
				nearestName: largest.nearestName,
				nearestMinutes: largest.nearestMinutes,
				minutesRange: minutes.length ? [Math.min(...minutes), Math.max(...minutes)] : null
			};
		});
	return { measure, gaps: ranked };
}
