import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import { communitiesServed } from '$lib/server/auth/scopes';
import * as communities from '$lib/server/directory/communities';
import * as projects from '$lib/server/projects';
import { m } from '$lib/paraglide/messages';

/** The projects of a community the staff member serves. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const served = user.role === 'admin' ? [] : await communitiesServed(event.locals.db, user.id);
	const code = event.url.searchParams.get('community') ?? served[0] ?? null;
	if (code === null) return { community: null, projects: [] };
	if (!communities.isCommunityCode(code)) error(404, m.error_unknown_community({ value: code }));
	await requireStaffFor(event, code);
	const community = await communities.get(event.locals.db, code);
	if (!community) error(404, m.error_unknown_community({ value: code }));
	return {
		community: { code: community.code, name: community.name },
		projects: await projects.listForCommunity(event.locals.db, code)
	};
};
