import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as notices from '$lib/server/notices';
import { m } from '$lib/paraglide/messages';

/** A community's current notices: its own, its street's and the city's. Public. */
export const load: PageServerLoad = async ({ params, locals }) => {
	if (!communities.isCommunityCode(params.code))
		error(404, m.error_unknown_community({ value: params.code }));
	const community = await communities.get(locals.db, params.code);
	const shown = community ? await notices.current(locals.db, community.code) : null;
	if (!community || !shown) error(404, m.error_unknown_community({ value: params.code }));
	return { community: { code: community.code, name: community.name }, notices: shown };
};
