import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';

export const load: PageServerLoad = async ({ url, locals }) => {
	const code = url.searchParams.get('code');
	if (code && communities.isCommunityCode(code)) redirect(303, `/communities/${code}`);
	const all = await communities.list(locals.db);
	const streets = await communities.listStreets(locals.db);
	return {
		streets: streets.map((street) => ({
			...street,
			communities: all.filter((c) => c.streetCode === street.code)
		}))
	};
};
