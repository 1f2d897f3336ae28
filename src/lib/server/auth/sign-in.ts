import type { RequestEvent } from '@sveltejs/kit';
import { cookieMaxAge, cookieName as localeCookie } from '$lib/paraglide/runtime';
import * as devices from './device';
import {
	create,
	deleteCookie,
	generateSessionToken,
	invalidate,
	isSecure,
	sessionCookieName,
	sessionIdOf,
	setCookie,
	validate,
	type SessionUser
} from './session';
import type { Locale } from '$lib/paraglide/runtime';

/** "Chrome · Android": enough for a person to recognise a device in their session list. */
export function deviceLabel(userAgent: string | null): string | null {
	if (!userAgent) return null;
	const browser = /MicroMessenger/i.test(userAgent)
		? 'WeChat'
		: /Edg\//.test(userAgent)
			? 'Edge'
			: /Firefox\//.test(userAgent)
				? 'Firefox'
				: /Chrom(e|ium)\//.test(userAgent)
					? 'Chrome'
					: /Safari\//.test(userAgent)
						? 'Safari'
						: null;
	const system = /Android/i.test(userAgent)
		? 'Android'
		: /iPhone|iPad/i.test(userAgent)
			? 'iOS'
			: /Windows/i.test(userAgent)
				? 'Windows'
				: /Mac OS X/i.test(userAgent)
					? 'macOS'
					: /Linux/i.test(userAgent)
						? 'Linux'
						: null;
	const label = [browser, system].filter(Boolean).join(' · ');
	return label || userAgent.slice(0, 60);
}

/**
 * Starts a new session for a person who just proved who they are. Whatever session cookie came
 * with the request is ended and replaced, never adopted: session fixation cannot work.
 * The browser is remembered as a device of the account (see device.ts).
 */
export async function signIn(
	event: RequestEvent,
	userId: number,
	locale?: Locale
): Promise<SessionUser> {
	const presented = event.cookies.get(sessionCookieName);
	if (presented) await invalidate(event.locals.db, sessionIdOf(presented));
	const token = generateSessionToken();
	const row = await create(
		event.locals.db,
		token,
		userId,
		deviceLabel(event.request.headers.get('user-agent'))
	);
	setCookie(event.cookies, token, row.expiresAt, isSecure(event.url));
	// this browser may sign in with the password alone even while the account is locked
	await devices.remember(event.locals.db, event.cookies, userId, isSecure(event.url));
	// The profile's language wins from now on (Paraglide reads this cookie).
	if (locale) {
		event.cookies.set(localeCookie, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
	}
	const { user } = await validate(event.locals.db, token);
	if (!user) throw new Error('a session just created did not validate');
	event.locals.user = user;
	event.locals.session = { id: row.id, expiresAt: row.expiresAt, kind: 'cookie' };
	return user;
}

/**
 * A bearer token for an app or mini-program (`POST /api/v1/auth/login` with `"token": true`): a
 * session like a browser's (same table, same 30-day sliding expiry, listed and revocable on
 * /profile/sessions), of kind `bearer`, so it is read only from `Authorization: Bearer` on /api/v1
 * and never as a cookie. No cookie is set and no device remembered. The token is returned once;
 * only its SHA-256 is stored.
 */
export async function issueBearer(
	event: RequestEvent,
	userId: number
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
	const token = generateSessionToken();
	const label = deviceLabel(event.request.headers.get('user-agent'));
	const row = await create(event.locals.db, token, userId, label, Date.now(), 'bearer');
	const { user } = await validate(event.locals.db, token, Date.now(), 'bearer');
	if (!user) throw new Error('a token just created did not validate');
	return { token, expiresAt: row.expiresAt, user };
}

/**
 * Ends the current session: in the browser and this request first, then in the database. A request
 * signed in by a bearer token ends that token.
 */
export async function signOut(event: RequestEvent): Promise<void> {
	if (event.locals.session?.kind === 'bearer') {
		const id = event.locals.session.id;
		event.locals.user = null;
		event.locals.session = null;
		await invalidate(event.locals.db, id);
		return;
	}
	const presented = event.cookies.get(sessionCookieName);
	deleteCookie(event.cookies, isSecure(event.url));
	event.locals.user = null;
	event.locals.session = null;
	if (presented) await invalidate(event.locals.db, sessionIdOf(presented));
}
