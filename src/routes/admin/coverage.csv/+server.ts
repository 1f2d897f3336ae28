import type { RequestHandler } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { communityCoverage, speeds, type SpeedName } from '$lib/server/planning/coverage-view';
import { coverageState } from '$lib/server/coverage';
import { toCsv } from '$lib/server/csv';

/** Every community × category × speed of the scope, one row each (UTF-8 with BOM for Excel). */
export const GET: RequestHandler = (event) => {
	const { scope } = requirePlanner(event);
	const coverage = communityCoverage(event.locals.db, scope);
	const tiers = coverageState(event.locals.db).tierMinutesByCategory;
	const data = coverage.communities.flatMap((c) =>
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
	const csv = toCsv(
		[
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
		],
		data
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="coverage.csv"'
		}
	});
};
