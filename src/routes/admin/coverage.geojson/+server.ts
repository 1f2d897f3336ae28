import type { RequestHandler } from './$types';
import { requirePlanner, scopeKey } from '$lib/server/planning/scope';
import {
	categoryList,
	communityCoverage,
	uncoveredResidences
} from '$lib/server/planning/coverage-view';
import { oneOf, speedParam } from '$lib/server/planning/params';
import { dataAndCoverageVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';

/**
 * Communities (centre points) with their households covered per category at both speeds, and,
 * for `?category=`, the residences outside that category's tier at `?speed=` (WGS84). Built once
 * per data version and scope (tens of thousands of residences in a big city), gzipped once.
 */
export const GET: RequestHandler = async (event) => {
	const { scope } = await requirePlanner(event);
	const codes = (await categoryList(event.locals.db)).map((c) => c.code);
	const category = oneOf(event.url, 'category', codes, '' as string);
	const speed = speedParam(event.url);
	const build = async () => {
		const coverage = await communityCoverage(event.locals.db, scope);
		const communities = coverage.communities.map((c) => ({
			type: 'Feature' as const,
			geometry: { type: 'Point' as const, coordinates: c.centre },
			properties: {
				kind: 'community',
				code: c.code,
				name: c.name,
				street: c.streetName,
				communityKind: c.kind,
				coverage: c.byCategory
			}
		}));
		const residences = category
			? (await uncoveredResidences(event.locals.db, scope, category, speed)).map((r) => ({
					type: 'Feature' as const,
					geometry: { type: 'Point' as const, coordinates: r.point },
					properties: {
						kind: 'uncovered_residence',
						category,
						speed,
						id: r.id,
						name: r.name,
						community: r.communityCode,
						households: r.households,
						elderly_60plus: r.elders,
						children_0_3: r.children,
						nearest: r.nearestName,
						nearest_minutes: r.nearestMinutes
					}
				}))
			: [];
		return { type: 'FeatureCollection', features: [...communities, ...residences] };
	};
	return cachedJson(
		event.request,
		await dataAndCoverageVersion(event.locals.db),
		`coverage.geojson ${scopeKey(scope)} ${category} ${speed}`,
		build,
		{ contentType: 'application/geo+json', private: true, filename: 'coverage.geojson' }
	);
};
