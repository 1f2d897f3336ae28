import type { RequestHandler } from './$types';
import { requirePlanner, scopeKey, type PlanningScope } from '$lib/server/planning/scope';
import { communityCoverage, speeds, type SpeedName } from '$lib/server/planning/coverage-view';
import { coverageState, dataAndCoverageVersion } from '$lib/server/coverage';
import { cachedText } from '$lib/server/answer-cache';
import { toCsv } from '$lib/server/csv';

/**
 * Every community × category × speed of the scope, one row each (UTF-8 with BOM for Excel); built
 * once per data version and scope.
 */
export const GET: RequestHandler = async (event) => {
	const { scope } = await requirePlanner(event);
	return cachedText(
		event.request,
		await dataAndCoverageVersion(event.locals.db),
		`coverage.csv ${scopeKey(scope)}`,
		() => coverageCsv(event.locals.db, scope),
		{ contentType: 'text/csv', private: true, filename: 'coverage.csv' }
	);
};

async function coverageCsv(db: App.Locals['db'], scope: PlanningScope): Promise<string> {
	const coverage = await communityCoverage(db, scope);
	const tiers = (await coverageState(db)).tierMinutesByCategory;
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
	return toCsv(
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
}
