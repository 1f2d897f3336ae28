import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { requestCode } from '$lib/server/auth/login';
import { authRefusal } from '$lib/server/auth/respond';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * POST {phone} → 202 {ticket, phone (masked), expiresInS}: texts a password reset code (the same
 * answer, and no text, for a number without an account); 429 past the limits.
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(schemas.loginCodeRequest, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await requestCode(
		event.locals.db,
		parsed.data.phone,
		event.getClientAddress(),
		'reset'
	);
	if (!result.ok) return apiFailure(authRefusal(result));
	return json(
		{ ticket: result.ticket, phone: result.phoneMasked, expiresInS: result.expiresInS },
		{ status: 202 }
	);
};
