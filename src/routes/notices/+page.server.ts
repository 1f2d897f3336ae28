import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as notices from '$lib/server/notices';

/** The city's notices and a way to each community's; ?community=CODE goes straight there. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const code = url.searchParams.get('community');
	if (code && communities.isCommunityCode(code)) redirect(303, `/notices/${code}`);
	const all = await communities.list(locals.db);
	const streets = await communities.listStreets(locals.db);
	return {
		notices: (await notices.current(locals.db, null)) ?? [],
		streets: streets.map(({ code, name }) => ({
			code,
			name,
			communities: all
				.filter((c) => c.streetCode === code)
				.map(({ code, name }) => ({ code, name }))
		}))
	};
};
