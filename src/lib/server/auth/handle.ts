import type { Handle } from '@sveltejs/kit';
import { deleteCookie, isSecure, sessionCookieName, setCookie, validate } from './session';

/**
 * Fills `locals.user` and `locals.session` from the session cookie. A valid session's cookie is
 * written again with its (possibly slid) expiry; an unknown or expired one is cleared.
 */
export const authenticateRequest: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(sessionCookieName);
	if (token) {
		const { session, user } = validate(token);
		if (session) {
			event.locals.user = user;
			event.locals.session = session;
			setCookie(event.cookies, token, session.expiresAt, isSecure(event.url));
		} else {
			deleteCookie(event.cookies, isSecure(event.url));
		}
	}
	return resolve(event);
};

/**
 * The JSON API's error contract is {"error": {"code", "message"}}. SvelteKit renders errors
 * thrown by guards (`error(401, …)`) as {"message", "code"}; this reshapes them in one place.
 */
export const apiErrorShape: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (
		!event.url.pathname.startsWith('/api/') ||
		response.status < 400 ||
		!response.headers.get('content-type')?.startsWith('application/json')
	) {
		return response;
	}
	const body = await response
		.clone()
		.json()
		.catch(() => null);
	if (!body || typeof body !== 'object' || 'error' in body || typeof body.message !== 'string') {
		return response;
	}
	const code = typeof body.code === 'string' ? body.code : `http_${response.status}`;
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	return new Response(JSON.stringify({ error: { code, message: body.message } }), {
		status: response.status,
		headers
	});
};
