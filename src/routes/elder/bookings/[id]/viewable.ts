import { error, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { queries } from '$lib/server/booking';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

/** The booking if this person may see it (theirs, their linked elder's, booked by them); else 404. */
export async function viewable(event: Pick<RequestEvent, 'locals' | 'url' | 'request' | 'params'>) {
	const user = requireUser(event);
	const id = parseId((event.params as { id?: string }).id);
	const booking = id ? await queries.getForViewer(event.locals.db, id, user.id) : null;
	if (!booking) error(404, m.error_not_found());
	return { user, booking };
}
