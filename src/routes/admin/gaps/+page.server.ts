import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { categoryList } from '$lib/server/planning/coverage-view';
import { gaps, gapLinkM } from '$lib/server/planning/gaps-view';
import { oneOf, speedParam } from '$lib/server/planning/params';

const shown = 20;

export const load: PageServerLoad = (event) => {
	const { scope } = requirePlanner(event);
	const categories = categoryList(event.locals.db);
	const codes = categories.map((c) => c.code);
	const category = oneOf(event.url, 'category', codes, codes[0]);
	const speed = speedParam(event.url);
	const found = gaps(event.locals.db, scope, category, speed);
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		categories,
		category,
		speed,
		linkM: gapLinkM,
		measure: found.measure,
		total: found.gaps.length,
		gaps: found.gaps.slice(0, shown).map((gap) => ({
			...gap,
			residences: gap.residences.map((r) => ({ id: r.id, name: r.name, households: r.households }))
		}))
	};
};
