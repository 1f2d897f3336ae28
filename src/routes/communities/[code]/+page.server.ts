import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as servicePoints from '$lib/server/directory/service-points';
import { communityCoverage } from '$lib/server/coverage';
import * as ratings from '$lib/server/ratings';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ params, locals }) => {
	const community = communities.isCommunityCode(params.code)
		? communities.get(locals.db, params.code)
		: null;
	if (!community) error(404, m.error_unknown_community({ value: params.code }));
	const points = servicePoints.list(locals.db, { community: community.code });
	return {
		community,
		coverage: communityCoverage(locals.db, community.code),
		satisfaction: ratings.communityTrend(locals.db, community.code),
		categories: categories.list(locals.db).map((category) => ({
			...category,
			servicePoints: points.filter((point) => point.categoryCode === category.code)
		}))
	};
};
