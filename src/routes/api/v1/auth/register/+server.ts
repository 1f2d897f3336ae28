import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as registration from '$lib/server/accounts/registration';
import { apiSignIn } from '$lib/server/auth/api-sign-in';
import { authRefusal } from '$lib/server/auth/respond';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * Two steps, the same as the pages:
 * 1. POST {name, phone, password, communityCode | homeResidenceId, birthYear?, consent: true} → 202
 *    {ticket, expiresAt} and a code texted to the phone. `consent`: the person agreed to the
 *    privacy notice (/privacy) the client showed; without it, 400 and nothing is kept;
 * 2. POST {ticket, code, token?} → 201 {user, home} and the session cookie (`home`: as for login),
 *    or with `"token": true` a bearer token instead (as for login).
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	if (body.body && typeof body.body === 'object' && 'ticket' in body.body) {
		const parsed = parse(schemas.apiVerification, body.body);
		if (!parsed.ok) return invalidInput(parsed);
		const options = parse(schemas.tokenWanted, body.body);
		if (!options.ok) return invalidInput(options);
		const result = await registration.verify(event.locals.db, parsed.data.ticket, parsed.data.code);
		if (!result.ok) return apiFailure(authRefusal(result));
		return apiSignIn(event, result, {
			token: options.data.token ?? false,
			next: null,
			status: 201
		});
	}
	const parsed = parse(schemas.registration, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const started = await registration.start(event.locals.db, parsed.data, event.getClientAddress());
	if (!started.ok) return apiFailure(authRefusal(started));
	return json(
		{ ticket: started.ticket, expiresAt: started.expiresAt.toISOString() },
		{ status: 202 }
	);
};
