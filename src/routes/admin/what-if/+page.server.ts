import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requirePlanner } from '$lib/server/planning/scope';
import { uncoveredResidences } from '$lib/server/planning/coverage-view';
import { chosenCategory, coordinateParams, integerParam } from '$lib/server/planning/params';
import { evaluateWhatIf, suggestSites } from '$lib/server/planning/what-if';
import { describeTargetChanges } from '$lib/server/planning/target-sentence';
import * as residences from '$lib/server/directory/residences';
import * as servicePoints from '$lib/server/directory/service-points';

export const load: PageServerLoad = async (event) => {
	const { scope } = requirePlanner(event);
	const { categories, category } = chosenCategory(event.locals.db, event.url);
	const buildings = residences.list(event.locals.db).filter((r) => scope.has(r.communityCode));
	const residenceId = integerParam(event.url, 'residence', 1, Number.MAX_SAFE_INTEGER);
	let point = coordinateParams(event.url);
	let placedAt: string | null = null;
	let placedIn: string | null = null;
	if (residenceId !== null) {
		const building = buildings.find((r) => r.id === residenceId);
		if (!building) error(400, { code: 'invalid_input', message: m.error_residence_unknown() });
		point = building.point;
		placedAt = building.name;
		placedIn = building.communityCode;
	}
	const k = integerParam(event.url, 'suggest', 1, 10);
	const answer = point ? evaluateWhatIf(event.locals.db, scope, category, point, placedIn) : null;
	// the search runs in the planning worker: the server answers others meanwhile
	const suggestions = k ? await suggestSites(event.locals.db, scope, category, k) : null;
	const uncovered = new Set(
		uncoveredResidences(event.locals.db, scope, category, 'standard').map((r) => r.id)
	);
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		categories,
		category,
		// the building picker, and on the map, so a click lands among homes whose coverage is known
		homes: buildings.map((r) => ({
			id: r.id,
			name: r.name,
			communityName: r.communityName,
			// a metre is plenty on a city map, and the page carries every home
			point: [Number(r.point[0].toFixed(5)), Number(r.point[1].toFixed(5))] as [number, number],
			households: r.households,
			uncovered: uncovered.has(r.id)
		})),
		residenceId,
		q: (event.url.searchParams.get('q') ?? '').trim().slice(0, 40),
		point,
		placedAt,
		answer,
		answerTargets: answer?.reachable ? describeTargetChanges(answer.targets) : [],
		k,
		suggestions: suggestions?.sites ?? null,
		suggestionTargets:
			suggestions && suggestions.sites.length > 0 ? describeTargetChanges(suggestions.targets) : [],
		points: servicePoints
			.list(event.locals.db, { category })
			.filter((p) => scope.has(p.communityCode))
			.map((p) => ({ id: p.id, name: p.name, categoryCode: p.categoryCode, point: p.point }))
	};
};
