import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { remember, standardPageFor } from '$lib/server/elder/mode';
import { availability } from '$lib/server/booking';

/** The "标准版" switch: leaves 长辈版 (cookie and profile) for the standard twin of the page. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData().catch(() => null);
	const next = form?.get('next');
	remember(locals.db, false, locals.user, cookies);
	redirect(
		303,
		standardPageFor(typeof next === 'string' ? next : null, {
			servicePointOfSlot: (slotId) =>
				availability.slotOffer(locals.db, slotId)?.servicePointId ?? null
		})
	);
};
