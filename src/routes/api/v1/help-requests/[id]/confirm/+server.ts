import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as volunteers from '$lib/server/volunteers';
import { parseWholeNumber } from '$lib/server/numbers';
import { apiError, apiFailure } from '$lib/server/refusal';
import { invalidInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/**
 * POST /api/v1/help-requests/{id}/confirm [{minutes}]: the elder, the carer who asked, or staff
 * confirm it happened; 200 {service: {minutes, servedOn}}, the volunteer's hours recorded once.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const requestId = parseWholeNumber(event.params.id);
	if (requestId === null) return apiError('invalid_input', m.error_bad_id());
	// the body is optional: no body (or an empty one) confirms the time asked for
	const text = await event.request.text();
	let body: unknown = {};
	if (text.trim() !== '') {
		if (!/^application\/json\b/i.test(event.request.headers.get('content-type') ?? ''))
			return apiError('unsupported_media_type', m.error_json_only());
		try {
			body = JSON.parse(text);
		} catch {
			return apiError('invalid_json', m.error_json_invalid());
		}
	}
	const parsed = parse(volunteers.confirmInput, body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await volunteers.confirm(event.locals.db, {
		requestId,
		actor: { id: user.id, role: user.role },
		minutes: parsed.data.minutes
	});
	if (result.status !== 'ok') return apiFailure(volunteers.volunteerRefusal(result));
	return json({ service: result.service });
};
