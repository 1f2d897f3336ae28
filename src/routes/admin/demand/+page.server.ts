import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { categoryList } from '$lib/server/planning/coverage-view';
import { demandByCategory, demandSignals, demandWindowDays } from '$lib/server/planning/demand';
import { oneOf } from '$lib/server/planning/params';

const sortKeys = ['full', 'waiting', 'noshow', 'rating', 'name'] as const;

export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	const categories = await categoryList(event.locals.db);
	const category = oneOf(event.url, 'category', ['', ...categories.map((c) => c.code)], '');
	const sort = oneOf(event.url, 'sort', sortKeys, 'full');
	const rows = await demandSignals(event.locals.db, scope);
	const value = (row: (typeof rows)[number]) =>
		sort === 'waiting'
			? row.waiting
			: sort === 'noshow'
				? (row.noShowRate ?? -1)
				: sort === 'rating'
					? -(row.averageRating ?? 6)
					: row.fullShare;
	const points = rows
		.filter((row) => !category || row.categoryCode === category)
		.sort((a, b) =>
			sort === 'name' ? a.name.localeCompare(b.name, 'zh-CN') : value(b) - value(a) || a.id - b.id
		);
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		categories,
		category,
		sort,
		windowDays: demandWindowDays,
		byCategory: demandByCategory(rows),
		points
	};
};
