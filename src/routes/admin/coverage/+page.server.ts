import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { communityCoverage, uncoveredResidences } from '$lib/server/planning/coverage-view';
import { chosenCategory, oneOf, speedParam } from '$lib/server/planning/params';

const sortKeys = ['name', 'households', 'standard', 'elderly', 'elders', 'children'] as const;

export const load: PageServerLoad = (event) => {
	const { scope } = requirePlanner(event);
	const { categories, category } = chosenCategory(event.locals.db, event.url);
	const speed = speedParam(event.url);
	const sort = oneOf(event.url, 'sort', sortKeys, 'standard');
	const dir = oneOf(event.url, 'dir', ['asc', 'desc'] as const, 'asc');
	const coverage = communityCoverage(event.locals.db, scope);
	const key = (row: (typeof coverage.communities)[number]) => {
		const s = row.byCategory[category];
		switch (sort) {
			case 'name':
				return row.name;
			case 'households':
				return s.standard.households;
			case 'elderly':
				return s.elderly.share;
			case 'elders':
				return s[speed].elders === 0 ? 1 : s[speed].eldersCovered / s[speed].elders;
			case 'children':
				return s[speed].children === 0 ? 1 : s[speed].childrenCovered / s[speed].children;
			default:
				return s.standard.share;
		}
	};
	const rows = [...coverage.communities].sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		const order =
			typeof ka === 'string' ? ka.localeCompare(kb as string, 'zh-CN') : ka - (kb as number);
		return (dir === 'asc' ? order : -order) || a.code.localeCompare(b.code);
	});
	const uncovered = uncoveredResidences(event.locals.db, scope, category, speed);
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		categories,
		category,
		speed,
		sort,
		dir,
		method: coverage.method,
		total: coverage.total,
		rows: rows.map((row) => ({
			code: row.code,
			name: row.name,
			streetName: row.streetName,
			centre: row.centre,
			coverage: row.byCategory[category]
		})),
		uncovered: uncovered.sort((a, b) => b.households - a.households)
	};
};
