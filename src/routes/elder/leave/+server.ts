import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { remember, standardPageFor } from '$lib/server/elder/mode';

/** The "标准版" switch: leaves 长辈版 (cookie and profile) and goes back to the page, in standard mode. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData().catch(() => null);
	const next = form?.get('next');
	remember(false, locals.user, cookies);
	redirect(303, standardPageFor(typeof next === 'string' ? next : null));
};
