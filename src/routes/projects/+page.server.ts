import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as projects from '$lib/server/projects';
import { m } from '$lib/paraglide/messages';

/** A community's 民生项目清单 (public: no person is named). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const code = url.searchParams.get('community') ?? locals.user?.communityCode ?? '';
	if (!communities.isCommunityCode(code))
		error(404, m.error_unknown_community({ value: code.slice(0, 40) }));
	const community = await communities.get(locals.db, code);
	if (!community) error(404, m.error_unknown_community({ value: code }));
	return {
		community: { code: community.code, name: community.name },
		projects: await projects.listForCommunity(locals.db, community.code)
	};
};
