import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as registration from '$lib/server/accounts/registration';
import { signIn } from '$lib/server/auth/sign-in';
import { authRefusal, meJson } from '$lib/server/auth/respond';
import { apiFailure } from '$lib/server/refusal';
import { landingAfterSignIn } from '$lib/server/auth/landing';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * Two steps, the same as the pages:
 * 1. POST {name, phone, password, communityCode | homeResidenceId, birthYear?} → 202 {ticket, expiresAt}
 *    and a code texted to the phone;
 * 2. POST {ticket, code} → 201 {user, home} and the session cookie (`home`: as for login).
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	if (body.body && typeof body.body === 'object' && 'ticket' in body.body) {
		const parsed = parse(schemas.apiVerification, body.body);
		if (!parsed.ok) return invalidInput(parsed);
		const result = await registration.verify(event.locals.db, parsed.data.ticket, parsed.data.code);
		if (!result.ok) return apiFailure(authRefusal(result));
		const user = await signIn(event, result.userId, result.locale);
		const home = landingAfterSignIn(user, event.cookies, event.url.searchParams.get('next'));
		return json({ user: meJson(user), home }, { status: 201 });
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
