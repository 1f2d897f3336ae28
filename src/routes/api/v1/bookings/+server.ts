import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { bookings, queries, refusal, bookingRequest } from '$lib/server/booking';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';
import { present } from './present';

/**
 * GET /api/v1/bookings: my upcoming, past and cancelled bookings and waitlist places (and my linked
 * elders'). `past` holds visits (attended, no-show, or ended); cancelled bookings are only in `cancelled`.
 */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const { upcoming, past, cancelled, waitlist } = await queries.listForViewer(
		event.locals.db,
		user.id
	);
	return json({
		upcoming: upcoming.map(present),
		past: past.map(present),
		cancelled: cancelled.map(present),
		waitlist: waitlist.map((w) => ({
			entryId: w.entryId,
			slotId: w.slotId,
			servicePointId: w.servicePointId,
			startsAt: new Date(w.startsAt).toISOString(),
			forUserId: w.forUserId,
			position: w.position
		}))
	});
};

/** POST /api/v1/bookings {slotId, forUserId?}: 201 with the booking; a full slot is 409 with waitlistOpen. */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(bookingRequest, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await bookings.book(event.locals.db, {
		...parsed.data,
		byUserId: user.id
	});
	if (result.status !== 'ok') {
		return apiFailure(refusal(result));
	}
	// The booking as written; GET /api/v1/bookings has the full view (place, times).
	const { id, code, status, slotId, userId, channel } = result.booking;
	return json(
		{ booking: { id, code, status, slotId, forUserId: userId, channel } },
		{ status: 201, headers: { location: `/api/v1/bookings/${id}` } }
	);
};
