import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { rememberInBrowser, standardPageFor } from '$lib/server/elder/mode';
import { setElderMode } from '$lib/server/accounts/users';
import { availability } from '$lib/server/booking';

/** The "标准版" switch: leaves 长辈版 (cookie and profile) for the standard twin of the page. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData().catch(() => null);
	const next = form?.get('next');
	// the browser's cookie and, when signed in, the profile
	rememberInBrowser(false, cookies);
	if (locals.user) await setElderMode(locals.db, locals.user, false);
	redirect(
		303,
		await standardPageFor(typeof next === 'string' ? next : null, {
			servicePointOfSlot: async (slotId) =>
				(await availability.slotOffer(locals.db, slotId))?.servicePointId ?? null
		})
	);
};
