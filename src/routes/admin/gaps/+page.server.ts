import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { gapsPage, gapLinkM } from '$lib/server/planning/gaps-view';
import { chosenCategory, speedParam } from '$lib/server/planning/params';

export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	const { categories, category } = await chosenCategory(event.locals.db, event.url);
	const speed = speedParam(event.url);
	const found = await gapsPage(event.locals.db, scope, category, speed);
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		categories,
		category,
		speed,
		linkM: gapLinkM,
		measure: found.measure,
		total: found.total,
		gaps: found.gaps
	};
};
