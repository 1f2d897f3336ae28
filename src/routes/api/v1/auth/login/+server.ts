import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { authenticate } from '$lib/server/auth/login';
import { deviceCookieName } from '$lib/server/auth/device';
import { signIn } from '$lib/server/auth/sign-in';
import { apiFailure, meJson } from '$lib/server/auth/respond';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * POST {phone, password, code?, ticket?} → 200 {user} and the session cookie; same schema and
 * limits as /login. A locked account answers 429 `code_required`: ask POST auth/login/code for a
 * texted code and send it, with the ticket that answer gave, and the password.
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(schemas.login, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await authenticate(
		parsed.data.phone,
		parsed.data.password,
		event.getClientAddress(),
		{
			code: parsed.data.code,
			ticket: parsed.data.ticket,
			deviceToken: event.cookies.get(deviceCookieName)
		}
	);
	if (!result.ok) return apiFailure(result);
	return json({ user: meJson(signIn(event, result.userId, result.locale)) });
};
