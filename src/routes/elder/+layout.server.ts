import type { LayoutServerLoad } from './$types';
import { communityHelp } from '$lib/server/elder/places';
import { lifeCirclePreferences } from '../map/preferences';

/**
 * Every 长辈版 page knows the home (the same as the life-circle map's: a ?home= link, the
 * cookie, then the profile) and the community phone shown in the same place on each page.
 */
export const load: LayoutServerLoad = async ({ url, cookies, locals }) => {
	const { home } = await lifeCirclePreferences(locals.db, url, cookies, locals.user);
	return {
		home:
			home?.kind === 'residence'
				? { key: home.key, name: home.name, communityName: home.communityName }
				: home
					? { key: home.key, name: null, communityName: null }
					: null,
		help: await communityHelp(locals.db, locals.user, home),
		signedIn: locals.user !== null
	};
};
