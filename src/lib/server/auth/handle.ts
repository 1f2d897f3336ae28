import type { Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { deleteCookie, isSecure, sessionCookieName, setCookie, validate } from './session';
import { answersJson, apiError, codeForStatus, isContractAnswer } from '../refusal';

/**
 * The token of `Authorization: Bearer <token>` on a JSON API request (apps and mini-programs), or
 * null. Pages never read it: the web signs in with the cookie only.
 */
export function bearerTokenOf(request: Request, pathname: string): string | null {
	if (!pathname.startsWith('/api/v1/')) return null;
	const header = request.headers.get('authorization');
	// another scheme (a proxy's Basic credentials) is not ours to judge; a malformed Bearer is refused
	if (!header || !/^Bearer\b/i.test(header)) return null;
	const match = /^Bearer +(\S+)\s*$/i.exec(header);
	return match ? match[1] : '';
}

/**
 * Fills `locals.user` and `locals.session` from the session cookie, or on /api/v1 from a bearer
 * token, which then is the only credential read (a cookie beside it is ignored). When the expiry
 * slides, the cookie is written again with the new one (the browser already holds it with the old
 * expiry, which is still the session's own until then); an unknown or expired one is cleared. An
 * invalid bearer token is answered 401 by `checkApiCaller`.
 */
export const authenticateRequest: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const bearer = bearerTokenOf(event.request, event.url.pathname);
	if (bearer !== null) {
		const { session, user } = await validate(event.locals.db, bearer, Date.now(), 'bearer');
		if (session) {
			event.locals.user = user;
			event.locals.session = session;
		} else event.locals.bearerRefused = true;
		return resolve(event);
	}
	const token = event.cookies.get(sessionCookieName);
	if (token) {
		const { session, user, renewed } = await validate(event.locals.db, token);
		if (session) {
			event.locals.user = user;
			event.locals.session = session;
			if (renewed) setCookie(event.cookies, token, session.expiresAt, isSecure(event.url));
		} else {
			deleteCookie(event.cookies, isSecure(event.url));
		}
	}
	return resolve(event);
};

/**
 * SvelteKit's own refusals (no such route, a method the endpoint does not have, a body over the limit,
 * an unexpected error) carry English status texts; they are replaced by the message for that status in
 * the request's language. A message our code wrote is kept as it is.
 */
const frameworkMessages = [
	/^Not [Ff]ound(: .*)?$/,
	/^\w+ method not allowed$/i,
	/^Method Not Allowed$/,
	/^Internal Error$/,
	/^(Bad Request|Unauthorized|Forbidden|Payload Too Large|Content Too Large)$/,
	/^Content-length of \d+ exceeds limit of \d+ bytes\.?$/,
	/^request body size exceeded/i
];

function messageForStatus(status: number): string {
	if (status === 401) return m.error_sign_in_required();
	if (status === 403) return m.error_forbidden();
	if (status === 404) return m.error_not_found();
	if (status === 405) return m.error_method_not_allowed();
	if (status === 413) return m.error_body_too_large();
	if (status >= 500) return m.error_unexpected();
	return m.error_form_invalid();
}

/**
 * The JSON API's error contract is {"error": {"code", "message"}} in the caller's language. SvelteKit
 * renders errors thrown by guards (`error(401, …)`) as {"message", "code"}, and its own refusals (an
 * unknown route, a wrong method) as HTML or plain text; this reshapes them all in one place.
 */
export const apiErrorShape: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!answersJson(event.url.pathname) || response.status < 400 || isContractAnswer(response))
		return response;
	const isJson = response.headers.get('content-type')?.startsWith('application/json') ?? false;
	const body = isJson
		? await response
				.clone()
				.json()
				.catch(() => null)
		: null;
	if (body && typeof body === 'object' && 'error' in body) return response;
	const given = typeof body?.message === 'string' ? (body.message as string) : null;
	const message =
		given !== null && !frameworkMessages.some((pattern) => pattern.test(given))
			? given
			: messageForStatus(response.status);
	const code = typeof body?.code === 'string' ? body.code : codeForStatus(response.status);
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	headers.delete('content-encoding');
	headers.set('content-type', 'application/json; charset=utf-8');
	return new Response(JSON.stringify({ error: { code, message } }), {
		status: response.status,
		headers
	});
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The JSON API's callers: an invalid bearer token is a 401 whatever the route (a revoked or expired
 * token must not quietly act as an anonymous caller); a write signed in by the session cookie from
 * a page of another site (its Origin header) is refused, as SvelteKit refuses cross-site form
 * posts. A bearer request is not checked: no browser attaches the token on its own, so another
 * site's page cannot borrow it. Runs inside `localise` (messages in the caller's language).
 */
export const checkApiCaller: Handle = async ({ event, resolve }) => {
	if (event.locals.bearerRefused)
		return apiError('token_invalid', m.accounts_error_token_invalid());
	const origin = event.request.headers.get('origin');
	if (
		origin !== null &&
		origin !== event.url.origin &&
		event.locals.session?.kind === 'cookie' &&
		event.url.pathname.startsWith('/api/') &&
		!safeMethods.has(event.request.method)
	)
		return apiError('cross_origin', m.accounts_error_cross_origin());
	return resolve(event);
};
