import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as passwords from '$lib/server/accounts/passwords';
import { apiSignIn } from '$lib/server/auth/api-sign-in';
import { authRefusal } from '$lib/server/auth/respond';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * POST {phone, code, ticket, password, token?} → 200 {user, home} signed in with the new password
 * (the cookie, or a bearer token as for login); every earlier session of the account has ended.
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const options = parse(schemas.tokenWanted, body.body);
	if (!options.ok) return invalidInput(options);
	const parsed = parse(schemas.passwordReset, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await passwords.resetByCode(
		event.locals.db,
		parsed.data,
		event.getClientAddress()
	);
	if (!result.ok) return apiFailure(authRefusal(result));
	return apiSignIn(event, result, { token: options.data.token, next: null });
};
