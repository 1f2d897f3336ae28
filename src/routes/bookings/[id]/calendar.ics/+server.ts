import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { queries, calendarFile } from '$lib/server/booking';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

/** The booking as an iCalendar file, for the phone's calendar (with an alarm 2 hours before). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const id = parseId(event.params.id);
	const booking = id ? await queries.getForViewer(event.locals.db, id, user.id) : null;
	if (!booking) error(404, m.error_not_found());
	const point = booking.servicePoint;
	const body = calendarFile(booking, {
		title: m.ics_title({ point: point.name }),
		description: m.ics_description({
			code: booking.code,
			phone: point.phone,
			address: point.address
		})
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="booking-${booking.code}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
