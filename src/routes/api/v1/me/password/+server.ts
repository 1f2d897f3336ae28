import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as passwords from '$lib/server/accounts/passwords';
import { requireUser } from '$lib/server/auth/guards';
import { authRefusal } from '$lib/server/auth/respond';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * POST {currentPassword, password} → 204: the new password; every other session (browsers and
 * tokens) of the account ends, the one this request came with stays.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(schemas.passwordChange(user.phone), body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const changed = await passwords.change(event.locals.db, user, parsed.data, {
		sessionId: event.locals.session?.id ?? null,
		deviceId: null
	});
	if (!changed.ok) return apiFailure(authRefusal(changed));
	return new Response(null, { status: 204 });
};
