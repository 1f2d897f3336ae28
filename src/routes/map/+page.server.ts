import type { PageServerLoad } from './$types';
import * as categories from '$lib/server/directory/categories';
import * as communities from '$lib/server/directory/communities';
import * as servicePoints from '$lib/server/directory/service-points';

export const load: PageServerLoad = ({ url }) => {
	const allCategories = categories.list();
	const known = new Set(allCategories.map((c) => c.code));
	// Unknown values in a shared link are ignored rather than refused: the page still works.
	const requested = url.searchParams.getAll('category').filter((code) => known.has(code));
	const communityCode = url.searchParams.get('community');
	const community =
		communityCode && communities.isCommunityCode(communityCode)
			? communities.get(communityCode)
			: null;
	return {
		categories: allCategories,
		selected: requested.length > 0 ? requested : [...known],
		community: community
			? { code: community.code, name: community.name, centre: community.centre }
			: null,
		servicePoints: servicePoints
			.list({ community: community?.code })
			.map(({ id, name, categoryCode, communityName, point, address, phone, openingText }) => ({
				id,
				name,
				categoryCode,
				communityName,
				point,
				address,
				phone,
				openingText
			}))
	};
};
