import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { gaps, gapLinkM } from '$lib/server/planning/gaps-view';
import { chosenCategory, speedParam } from '$lib/server/planning/params';

const shown = 20;

export const load: PageServerLoad = (event) => {
	const { scope } = requirePlanner(event);
	const { categories, category } = chosenCategory(event.locals.db, event.url);
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
