import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { remember } from '$lib/server/elder/mode';

/**
 * The "长辈版" switch: a form POST (SvelteKit's origin check refuses one from another site), so
 * only the person's own click turns 长辈版 on in their profile. Then the 长辈版 home.
 */
export const POST: RequestHandler = ({ cookies, locals }) => {
	remember(locals.db, true, locals.user, cookies);
	redirect(303, '/elder');
};
