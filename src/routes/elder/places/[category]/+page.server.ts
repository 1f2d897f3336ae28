import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { resolveHome } from '$lib/server/coverage';
import { isElderTask, nearestPlaces } from '$lib/server/elder/places';
import { m } from '$lib/paraglide/messages';

/** Step 1 of 3: the nearest places by walking minutes at the elderly pace, with their next free time. */
export const load: PageServerLoad = async ({ params, parent, url, locals }) => {
	if (!isElderTask(params.category)) error(404, m.error_not_found());
	const { home } = await parent();
	const found = home ? await resolveHome(locals.db, home.key) : null;
	if (!found) redirect(303, `/elder/home?next=${encodeURIComponent(url.pathname)}`);
	return {
		category: params.category,
		places: await nearestPlaces(locals.db, found, params.category)
	};
};
