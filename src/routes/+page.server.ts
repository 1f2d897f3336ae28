import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as servicePoints from '$lib/server/directory/service-points';
import { groupBy } from '$lib/group-by';

export const load: PageServerLoad = () => {
	const points = servicePoints.list();
	const countByCategory = groupBy(points, (point) => point.categoryCode);
	const allCommunities = communities.list();
	return {
		streets: communities.listStreets().map((street) => ({
			...street,
			communities: allCommunities
				.filter((c) => c.streetCode === street.code)
				.map(({ code, name }) => ({ code, name }))
		})),
		categories: categories.list().map((category) => ({
			...category,
			servicePointCount: countByCategory.get(category.code)?.length ?? 0
		})),
		communityCount: allCommunities.length,
		servicePointCount: points.length
	};
};
