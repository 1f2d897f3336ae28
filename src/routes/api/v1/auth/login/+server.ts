import type { RequestHandler } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { authenticate, authenticateByCode } from '$lib/server/auth/login';
import { deviceCookieName } from '$lib/server/auth/device';
import { apiSignIn } from '$lib/server/auth/api-sign-in';
import { authRefusal } from '$lib/server/auth/respond';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * POST {phone, password, next?, code?, ticket?, token?} → 200 {user, home} and the session cookie;
 * same schema and limits as /login. `home` is where a client shows the person next: `next` when it
 * is a path on this site (also read from ?next=), else the person's home page. Never a redirect:
 * clients decide.
 * - 短信验证码登录: {phone, code, ticket} without a password, the ticket from POST auth/login/code.
 * - A locked account answers 429 `code_required`: ask POST auth/login/code for a texted code and
 *   send it, with that ticket, and the password (or without the password: a code login).
 * - `"token": true` (apps, mini-programs): no cookie; the body adds {token, tokenType: "Bearer",
 *   expiresAt}, to be sent as `Authorization: Bearer <token>` on /api/v1.
 * - A disabled account: 403 `account_disabled`, once the password or code was right.
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const options = parse(schemas.tokenWanted, body.body);
	if (!options.ok) return invalidInput(options);
	// JSON that is not an object (`null`, a list, a number) has no fields: the login schema refuses it
	const given = (
		body.body !== null && typeof body.body === 'object' && !Array.isArray(body.body)
			? body.body
			: {}
	) as { password?: unknown; code?: unknown; next?: unknown };
	const byCode = given.password === undefined && given.code !== undefined;
	const address = event.getClientAddress();
	let result;
	if (byCode) {
		const parsed = parse(schemas.codeLogin, body.body);
		if (!parsed.ok) return invalidInput(parsed);
		result = await authenticateByCode(event.locals.db, parsed.data, address);
	} else {
		const parsed = parse(schemas.login, body.body);
		if (!parsed.ok) return invalidInput(parsed);
		const { phone, password, code, ticket } = parsed.data;
		result = await authenticate(event.locals.db, phone, password, address, {
			code,
			ticket,
			deviceToken: event.cookies.get(deviceCookieName)
		});
	}
	if (!result.ok) return apiFailure(authRefusal(result));
	return apiSignIn(event, result, { token: options.data.token ?? false, next: given.next });
};
