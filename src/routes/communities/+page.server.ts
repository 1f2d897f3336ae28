import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';

export const load: PageServerLoad = ({ url, locals }) => {
	const code = url.searchParams.get('code');
	if (code && communities.isCommunityCode(code)) redirect(303, `/communities/${code}`);
	const all = communities.list(locals.db);
	return {
		streets: communities.listStreets(locals.db).map((street) => ({
			...street,
			communities: all.filter((c) => c.streetCode === street.code)
		}))
	};
};
