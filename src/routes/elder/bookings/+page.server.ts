import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { queries } from '$lib/server/booking';

/** My upcoming bookings, and those of the elders linked to me (a carer sees theirs). */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { upcoming } = await queries.listForViewer(event.locals.db, user.id);
	return { upcoming, selfId: user.id };
};
