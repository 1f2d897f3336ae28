import type { Db } from '../db';
import { coverageState } from '../coverage';
import { describeHomes, uncoveredHomes, type SpeedName, type UncoveredHome } from './coverage-view';
import { clusterGaps } from './gaps';
import { scopeKey, type PlanningScope } from './scope';
import { peopleMeasure, type PeopleMeasure } from './weights';

export const gapLinkM = 300;

export interface Gap {
	rank: number;
	centre: [number, number];
	residences: UncoveredHome[];
	households: number;
	elders: number;
	children: number;
	communityNames: string[];
	/** the gap explained: its largest residence, whose nearest point and walk the page names */
	largest: UncoveredHome;
	minutesRange: [number, number] | null;
}

/** the gaps of the last few (scope, category, speed) asked for, at one data version */
const known = new Map<string, { measure: PeopleMeasure; gaps: Gap[] }>();
const keptAnswers = 8;

/**
 * A category's uncovered residences clustered into areas (single linkage within 300 m, inside
 * one community), ranked
 * by the people they hold: elders for meal assistance and day care, small children for
 * childcare, households otherwise.
 */
export async function gaps(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName = 'standard'
): Promise<{ measure: PeopleMeasure; gaps: Gap[] }> {
	// computed once per data version (clustering tens of thousands of homes takes a while)
	const version = (await coverageState(db)).version;
	const key = `${version}|${scopeKey(scope)}|${category}|${speed}`;
	const cached = known.get(key);
	if (cached) return cached;
	const answer = await computeGaps(db, scope, category, speed);
	for (const old of known.keys())
		if (!old.startsWith(`${version}|`) || known.size >= keptAnswers) known.delete(old);
	known.set(key, answer);
	return answer;
}

async function computeGaps(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName
): Promise<{ measure: PeopleMeasure; gaps: Gap[] }> {
	const uncovered = await uncoveredHomes(db, scope, category, speed);
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
				largest,
				minutesRange: minutes.length
					? [minutes.reduce((a, b) => Math.min(a, b)), minutes.reduce((a, b) => Math.max(a, b))]
					: null
			};
		});
	return { measure, gaps: ranked };
}

/**
 * The gaps page: how many gaps there are and the first `shown`, each with its largest
 * `residencesShown` residences by name (a gap in a big city can hold thousands) and its nearest
 * point named.
 */
export async function gapsPage(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName,
	shown = 20,
	residencesShown = 50
) {
	const found = await gaps(db, scope, category, speed);
	const top = found.gaps.slice(0, shown).map((gap) => ({
		gap,
		residences: [...gap.residences]
			.sort((a, b) => b.households - a.households || a.id - b.id)
			.slice(0, residencesShown)
	}));
	const described = new Map(
		(
			await describeHomes(
				db,
				top.flatMap(({ gap, residences }) => [gap.largest, ...residences])
			)
		).map((r) => [r.id, r])
	);
	return {
		measure: found.measure,
		total: found.gaps.length,
		gaps: top.map(({ gap, residences }) => ({
			rank: gap.rank,
			centre: gap.centre,
			/** a gap lies inside one community (the project form's community) */
			communityCode: gap.largest.communityCode,
			households: gap.households,
			elders: gap.elders,
			children: gap.children,
			communityNames: gap.communityNames,
			minutesRange: gap.minutesRange,
			nearestName: described.get(gap.largest.id)?.nearestName ?? null,
			nearestMinutes: gap.largest.nearestMinutes,
			residenceCount: gap.residences.length,
			residences: residences.map((r) => ({
				id: r.id,
				name: described.get(r.id)?.name ?? String(r.id),
				households: r.households
			}))
		}))
	};
}
