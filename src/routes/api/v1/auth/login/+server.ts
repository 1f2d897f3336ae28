import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { authenticate } from '$lib/server/auth/login';
import { deviceCookieName } from '$lib/server/auth/device';
import { signIn } from '$lib/server/auth/sign-in';
import { authRefusal, meJson } from '$lib/server/auth/respond';
import { apiFailure } from '$lib/server/refusal';
import { landingAfterSignIn } from '$lib/server/auth/landing';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * POST {phone, password, next?, code?, ticket?} → 200 {user, home} and the session cookie; same
 * schema and limits as /login. `home` is where a client shows the person next: `next` when it is a
 * path on this site (also read from ?next=), else the person's home page. Never a redirect: clients
 * decide. A locked account answers 429 `code_required`: ask POST auth/login/code for a texted code
 * and send it, with the ticket that answer gave, and the password.
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(schemas.login, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await authenticate(
		event.locals.db,
		parsed.data.phone,
		parsed.data.password,
		event.getClientAddress(),
		{
			code: parsed.data.code,
			ticket: parsed.data.ticket,
			deviceToken: event.cookies.get(deviceCookieName)
		}
	);
	if (!result.ok) return apiFailure(authRefusal(result));
	const user = await signIn(event, result.userId, result.locale);
	const next = (body.body as { next?: unknown }).next;
	const home = landingAfterSignIn(
		user,
		event.cookies,
		typeof next === 'string' ? next : event.url.searchParams.get('next')
	);
	return json({ user: meJson(user), home });
};
