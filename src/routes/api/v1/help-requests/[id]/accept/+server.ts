import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as volunteers from '$lib/server/volunteers';
import { parseWholeNumber } from '$lib/server/numbers';
import { apiError, apiFailure } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

/** POST /api/v1/help-requests/{id}/accept: the first volunteer it was offered to gets it; 409 taken after. */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const requestId = parseWholeNumber(event.params.id);
	if (requestId === null) return apiError('invalid_input', m.error_bad_id());
	const result = await volunteers.accept(event.locals.db, { requestId, userId: user.id });
	if (result.status !== 'ok') return apiFailure(volunteers.volunteerRefusal(result));
	return json({ helpRequest: result.request });
};
