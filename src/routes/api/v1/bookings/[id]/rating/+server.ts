import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as ratings from '$lib/server/ratings';
import { ratingInput } from '$lib/server/ratings/schemas';
import { ratingRefusal } from '$lib/server/ratings/responses';
import { apiError, apiFailure } from '$lib/server/refusal';
import { parseId } from '$lib/server/params';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/**
 * POST /api/v1/bookings/{id}/rating {stars, tags?, comment?}: 201 when first given, 200 when changed (within
 * 7 days); 409 `locked` after that or `not_attended`; someone else's booking reads as 404.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const id = parseId(event.params.id);
	if (!id) return apiError('invalid_input', m.error_bad_id());
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(ratingInput, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await ratings.rate(event.locals.db, {
		...parsed.data,
		bookingId: id,
		byUserId: user.id
	});
	if (result.status === 'created' || result.status === 'updated') {
		const given = await ratings.forBookings(event.locals.db, [id]);
		const own = given.get(id)!;
		return json(
			{
				rating: {
					id: own.id,
					bookingId: id,
					stars: own.stars,
					tags: own.tags,
					comment: own.comment
				}
			},
			{ status: result.status === 'created' ? 201 : 200 }
		);
	}
	const r = ratingRefusal(result);
	if (r.status === 403) return apiError('not_found', m.error_not_found());
	return apiFailure(r);
};
