import type { Db } from '../db';
import type { CsvCell } from '../csv';
import { coverageState } from '../coverage';
import { communityCoverage, speeds, type SpeedName } from './coverage-view';
import type { PlanningScope } from './scope';

/** coverage.csv's documented column names (the .xlsx shows them in the reader's language) */
export const coverageColumns = [
	'community_code',
	'community_name',
	'street',
	'kind',
	'category',
	'tier_minutes',
	'speed',
	'speed_mps',
	'households',
	'households_covered',
	'household_share',
	'elderly_60plus',
	'elderly_covered',
	'children_0_3',
	'children_covered'
] as const;

/** Every community × category × speed of the scope, one row each, in `coverageColumns` order. */
export async function coverageRows(db: Db, scope: PlanningScope): Promise<CsvCell[][]> {
	const coverage = await communityCoverage(db, scope);
	const tiers = (await coverageState(db)).tierMinutesByCategory;
	return coverage.communities.flatMap((c) =>
		Object.entries(c.byCategory).flatMap(([category, bySpeed]) =>
			(Object.keys(speeds) as SpeedName[]).map((speed) => {
				const s = bySpeed[speed];
				return [
					c.code,
					c.name,
					c.streetName,
					c.kind,
					category,
					tiers[category],
					speed,
					speeds[speed],
					s.households,
					s.householdsCovered,
					s.share,
					s.elders,
					s.eldersCovered,
					s.children,
					s.childrenCovered
				];
			})
		)
	);
}
