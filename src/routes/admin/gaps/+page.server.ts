import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { gapsPage, gapLinkM } from '$lib/server/planning/gaps-view';
import { chosenCategory, speedParam } from '$lib/server/planning/params';
import { openNeedCounts } from '$lib/server/needs';

export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	const { categories, category } = await chosenCategory(event.locals.db, event.url);
	const speed = speedParam(event.url);
	const found = await gapsPage(event.locals.db, scope, category, speed);
	// residents' open needs of the category: the demand signal beside the coverage gaps
	const names = new Map(scope.communities.map((c) => [c.code, c.name]));
	const needs = (await openNeedCounts(event.locals.db, [...names.keys()]))
		.filter((n) => n.category === category)
		.map((n) => ({ ...n, name: names.get(n.communityCode) ?? n.communityCode }))
		.sort((a, b) => b.supporters + b.needs - (a.supporters + a.needs));
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		categories,
		category,
		speed,
		linkM: gapLinkM,
		measure: found.measure,
		total: found.total,
		gaps: found.gaps,
		needs
	};
};
