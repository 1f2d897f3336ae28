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
	redirect(303, await standardPage(locals.db, typeof next === 'string' ? next : null));
};

/**
 * standardPageFor's lookup answers at once, and a slot's service point is read from the database:
 * a first pass notes the slot it asks about, which is read, and a second pass gets the answer.
 */
async function standardPage(db: App.Locals['db'], next: string | null): Promise<string> {
	const asked: number[] = [];
	standardPageFor(next, {
		servicePointOfSlot: (slotId) => {
			asked.push(slotId);
			return null;
		}
	});
	const points = new Map<number, number>();
	for (const slotId of asked) {
		const offer = await availability.slotOffer(db, slotId);
		if (offer) points.set(slotId, offer.servicePointId);
	}
	return standardPageFor(next, { servicePointOfSlot: (slotId) => points.get(slotId) ?? null });
}
