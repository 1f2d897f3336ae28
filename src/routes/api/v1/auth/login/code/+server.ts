import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { requestCode } from '$lib/server/auth/login';
import { authRefusal } from '$lib/server/auth/respond';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * POST {phone} → 202 {ticket, phone (masked), expiresInS}: texts a login code to the account's
 * phone (the same answer for a number without an account, which is texted nothing); 429 past the
 * limits. The code counts only together with this ticket.
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(schemas.loginCodeRequest, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await requestCode(event.locals.db, parsed.data.phone, event.getClientAddress());
	if (!result.ok) return apiFailure(authRefusal(result));
	return json(
		{ ticket: result.ticket, phone: result.phoneMasked, expiresInS: result.expiresInS },
		{ status: 202 }
	);
};
