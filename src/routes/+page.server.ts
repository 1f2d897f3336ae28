import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as servicePoints from '$lib/server/directory/service-points';
import { remembered } from '$lib/server/directory/remembered';
import { dataVersion } from '$lib/server/coverage';

// Everything on the home page is public data: built once per data version (one row read per view).
export const load: PageServerLoad = ({ locals }) =>
	remembered(locals.db, `home|${dataVersion(locals.db)}`, () => {
		// counts only: the home page shows no single point (loading all of them was half its time)
		const countByCategory = servicePoints.countByCategory(locals.db);
		const allCommunities = communities.list(locals.db);
		return {
			streets: communities.listStreets(locals.db).map(({ code, name }) => ({
				code,
				name,
				communities: allCommunities
					.filter((c) => c.streetCode === code)
					.map(({ code, name }) => ({ code, name }))
			})),
			categories: categories.list(locals.db).map((c) => ({
				code: c.code,
				nameZh: c.nameZh,
				nameEn: c.nameEn,
				colour: c.colour,
				icon: c.icon,
				tierMinutes: c.tierMinutes,
				servicePointCount: countByCategory.get(c.code) ?? 0
			})),
			communityCount: allCommunities.length,
			servicePointCount: [...countByCategory.values()].reduce((sum, n) => sum + n, 0)
		};
	});
