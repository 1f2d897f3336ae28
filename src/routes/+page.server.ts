import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as servicePoints from '$lib/server/directory/service-points';

export const load: PageServerLoad = ({ locals }) => {
	// counts only: the home page shows no single point (loading all of them was half its time)
	const countByCategory = servicePoints.countByCategory(locals.db);
	const allCommunities = communities.list(locals.db);
	return {
		streets: communities.listStreets(locals.db).map((street) => ({
			...street,
			communities: allCommunities
				.filter((c) => c.streetCode === street.code)
				.map(({ code, name }) => ({ code, name }))
		})),
		categories: categories.list(locals.db).map((category) => ({
			...category,
			servicePointCount: countByCategory.get(category.code) ?? 0
		})),
		communityCount: allCommunities.length,
		servicePointCount: [...countByCategory.values()].reduce((sum, n) => sum + n, 0)
	};
};
