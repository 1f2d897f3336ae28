import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { queries, slips } from '$lib/server/booking';
import { walkingRoute } from '$lib/server/coverage';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

/** The printable appointment slip: code and QR code, place, time, opening hours, phone, directions. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = parseId(event.params.id);
	const booking = id ? await queries.getForViewer(event.locals.db, id, user.id) : null;
	if (!booking) error(404, m.error_not_found());
	return await slips.slipFor(event.locals.db, booking, walkingRoute);
};
