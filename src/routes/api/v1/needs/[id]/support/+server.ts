import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as needs from '$lib/server/needs';
import { parseWholeNumber } from '$lib/server/numbers';
import { apiError, apiFailure } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

/** POST /api/v1/needs/{id}/support: "我也需要", 200 {supporters, added}; a repeat changes nothing (added: false). */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const needId = parseWholeNumber(event.params.id);
	if (needId === null) return apiError('invalid_input', m.error_bad_id());
	const result = await needs.support(event.locals.db, { needId, userId: user.id });
	if (result.status !== 'ok') return apiFailure(needs.needRefusal(result));
	return json({ supporters: result.supporters, added: result.added });
};
