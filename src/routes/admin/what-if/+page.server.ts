import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requirePlanner } from '$lib/server/planning/scope';
import { chosenCategory, coordinateParams, integerParam } from '$lib/server/planning/params';
import { evaluateWhatIf, suggestSites } from '$lib/server/planning/what-if';
import { describeTargetChanges } from '$lib/server/planning/target-sentence';
import * as residences from '$lib/server/directory/residences';
import * as servicePoints from '$lib/server/directory/service-points';

const pickerSize = 200;

export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	const { categories, category } = await chosenCategory(event.locals.db, event.url);
	const residenceId = integerParam(event.url, 'residence', 1, Number.MAX_SAFE_INTEGER);
	let point = coordinateParams(event.url);
	let placedAt: string | null = null;
	let placedIn: string | null = null;
	const building =
		residenceId === null ? null : await residences.byId(event.locals.db, residenceId);
	if (residenceId !== null) {
		if (!building || !scope.has(building.communityCode))
			error(400, { code: 'invalid_input', message: m.error_residence_unknown() });
		point = building.point;
		placedAt = building.name;
		placedIn = building.communityCode;
	}
	const k = integerParam(event.url, 'suggest', 1, 10);
	const answer = point
		? await evaluateWhatIf(event.locals.db, scope, category, point, placedIn)
		: null;
	// the search runs in the planning worker: the server answers others meanwhile
	const suggestions = k ? await suggestSites(event.locals.db, scope, category, k) : null;
	const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 40);
	// the building picker: the first matches of the search, never every home of a big city (the
	// map shows the homes by tile, /api/homes)
	const buildings = await residences.choices(
		event.locals.db,
		{ query: q, communities: scope.admin ? null : scope.communities.map((c) => c.code) },
		pickerSize
	);
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		categories,
		category,
		// the chosen building stays in the picker whatever the search
		buildings:
			building && !buildings.rows.some((b) => b.id === building.id)
				? [building, ...buildings.rows].map(({ id, name, communityName }) => ({
						id,
						name,
						communityName
					}))
				: buildings.rows,
		buildingsTotal: buildings.total,
		residenceId,
		q,
		point,
		placedAt,
		answer,
		answerTargets: answer?.reachable ? describeTargetChanges(answer.targets) : [],
		k,
		suggestions: suggestions?.sites ?? null,
		suggestionTargets:
			suggestions && suggestions.sites.length > 0 ? describeTargetChanges(suggestions.targets) : [],
		points: (await servicePoints.list(event.locals.db, { category }))
			.filter((p) => scope.has(p.communityCode))
			.map((p) => ({ id: p.id, name: p.name, categoryCode: p.categoryCode, point: p.point }))
	};
};
