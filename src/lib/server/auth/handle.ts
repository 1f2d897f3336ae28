import type { Handle } from '@sveltejs/kit';
import { deleteCookie, isSecure, sessionCookieName, setCookie, validate } from './session';

/**
 * Fills `locals.user` and `locals.session` from the session cookie. When the expiry slides, the cookie
 * is written again with the new one (the browser already holds it with the old expiry, which is
 * still the session's own until then); an unknown or expired one is cleared.
 */
export const authenticateRequest: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(sessionCookieName);
	if (token) {
		const { session, user, renewed } = validate(token);
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
