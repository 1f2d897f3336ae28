import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { rememberInBrowser } from '$lib/server/elder/mode';
import { setElderMode } from '$lib/server/accounts/users';

/**
 * The "长辈版" switch: a form POST (SvelteKit's origin check refuses one from another site), so
 * only the person's own click turns 长辈版 on in their profile. Then the 长辈版 home.
 */
export const POST: RequestHandler = async ({ cookies, locals }) => {
	// the browser's cookie and, when signed in, the profile
	rememberInBrowser(true, cookies);
	if (locals.user) await setElderMode(locals.db, locals.user, true);
	redirect(303, '/elder');
};
