import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as servicePoints from '$lib/server/directory/service-points';
import { remembered } from '$lib/server/directory/remembered';
import { dataVersion } from '$lib/server/coverage';
import * as notices from '$lib/server/notices';

// Everything on the home page is public data: built once per data version (one row read per view).
const publicHome = async ({ locals }: { locals: App.Locals }) =>
	remembered(locals.db, `home|${await dataVersion(locals.db)}`, async () => {
		// counts only: the home page shows no single point (loading all of them was half its time)
		const countByCategory = await servicePoints.countByCategory(locals.db);
		const allCommunities = await communities.list(locals.db);
		const streets = await communities.listStreets(locals.db);
		const allCategories = await categories.list(locals.db);
		return {
			streets: streets.map(({ code, name }) => ({
				code,
				name,
				communities: allCommunities
					.filter((c) => c.streetCode === code)
					.map(({ code, name }) => ({ code, name }))
			})),
			categories: allCategories.map((c) => ({
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

export const load: PageServerLoad = async (event) => ({
	...(await publicHome(event)),
	// not cached with the public data: notices change without a data version, and a signed-in
	// resident sees their own community's (anyone else the city's)
	notices:
		(await notices.current(
			event.locals.db,
			event.locals.user?.communityCode ?? null,
			Date.now(),
			5
		)) ?? []
});
