import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { communityCoverage, uncoveredPage } from '$lib/server/planning/coverage-view';
import { chosenCategory, integerParam, oneOf, speedParam } from '$lib/server/planning/params';
import { requestWindowDays, volunteerCoverage } from '$lib/server/planning/volunteer-coverage';

const sortKeys = ['name', 'households', 'standard', 'elderly', 'elders', 'children'] as const;

export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	const { categories, category } = await chosenCategory(event.locals.db, event.url);
	const speed = speedParam(event.url);
	const sort = oneOf(event.url, 'sort', sortKeys, 'standard');
	const dir = oneOf(event.url, 'dir', ['asc', 'desc'] as const, 'asc');
	const coverage = await communityCoverage(event.locals.db, scope);
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
	// one page of the uncovered homes; the map fetches them by tile (/api/homes)
	const page = integerParam(event.url, 'page', 1, 1_000_000) ?? 1;
	const uncovered = await uncoveredPage(event.locals.db, scope, category, speed, page);
	const names = new Map(coverage.communities.map((c) => [c.code, c.name]));
	const volunteers = await volunteerCoverage(
		event.locals.db,
		coverage.communities.map((c) => c.code)
	);
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
		volunteers: {
			windowDays: requestWindowDays,
			rows: volunteers.map((v) => ({ ...v, name: names.get(v.code) ?? v.code }))
		},
		uncovered: {
			...uncovered,
			rows: uncovered.rows.map((r) => ({
				id: r.id,
				name: r.name,
				households: r.households,
				nearestName: r.nearestName,
				nearestMinutes: r.nearestMinutes
			}))
		}
	};
};
