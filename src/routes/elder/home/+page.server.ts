import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import { communitiesByStreet, residencesOf } from '$lib/server/elder/places';
import { m } from '$lib/paraglide/messages';

/** Only 长辈版 pages are followed after choosing (their query is dropped: ?home= is added). */
function nextPage(value: string | null): string {
	return value && /^\/elder(\/[\w-]+)*$/.test(value) ? value : '/elder';
}

/**
 * Choosing a home without a map: the community from a short list, then the residence. The
 * residence link carries ?home=r:…, which the 长辈版 layout keeps in the same cookie as /map.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const next = nextPage(url.searchParams.get('next'));
	const code = url.searchParams.get('community');
	if (!code)
		return { next, streets: await communitiesByStreet(locals.db), community: null, residences: [] };
	const community = communities.isCommunityCode(code)
		? await communities.get(locals.db, code)
		: null;
	if (!community) error(404, m.error_unknown_community({ value: code }));
	return {
		next,
		streets: [],
		community: { code: community.code, name: community.name },
		residences: await residencesOf(locals.db, community.code)
	};
};
