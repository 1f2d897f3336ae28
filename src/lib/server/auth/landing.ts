import type { Cookies } from '@sveltejs/kit';
import { elderCookie } from '$lib/elder-cookie';
import type { SessionUser } from './session';

/**
 * Where a person lands after logging in or registering: the page they were sent from (`next`),
 * else their home. One rule for the login form, registration and the JSON API.
 */

/** The resolution base of a `next`: any origin of our own will do, only the comparison matters. */
const base = 'http://lifecircle.invalid';

/** Pages that make no sense to come back to after logging in (they would loop or sign out). */
const notADestination = /^\/(login|logout|register)(\/|\?|#|$)/;

/**
 * A `next` we may redirect to: a path on this site only. `//evil`, `/\evil`, `https://…`,
 * control characters and anything a browser would resolve to another origin are refused (an open
 * redirect would let a phishing link borrow our name). The answer is the path as the URL parser
 * serialises it, so nothing unencoded reaches the Location header.
 */
export function safeNext(next: string | null | undefined): string | null {
	if (!next || next.length > 2048 || !next.startsWith('/')) return null;
	// browsers read a backslash as a slash and drop tabs and newlines: refuse both outright
	if (next.includes('\\') || [...next].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f'))
		return null;
	let url: URL;
	try {
		url = new URL(next, base);
	} catch {
		return null;
	}
	if (url.origin !== base) return null;
	const path = url.pathname + url.search + url.hash;
	// the home page is where the header's login link starts from, not a destination of its own
	if (url.pathname === '/' || notADestination.test(path)) return null;
	return path;
}

type Person = Pick<SessionUser, 'role' | 'elderMode'>;

/**
 * A person's home: administrators their console, staff theirs, elders (or anyone in 长辈版, the
 * profile's choice or the visitor's before logging in) the 长辈版 home, everyone else the map.
 * The role comes first: staff work in the console whatever size of text they like.
 */
export function homeOf(person: Person, elderModeCookie = false): string {
	if (person.role === 'admin') return '/admin';
	if (person.role === 'staff') return '/staff';
	if (person.elderMode || elderModeCookie) return '/elder';
	return '/map';
}

/** The landing after login or registration: a safe `next`, else the person's home. */
export function landingAfterSignIn(
	person: Person,
	cookies: Pick<Cookies, 'get'>,
	next: string | null | undefined
): string {
	return safeNext(next) ?? homeOf(person, cookies.get(elderCookie) === '1');
}

export type LoginReason = 'book' | 'bookings' | 'notifications' | 'profile' | 'staff' | 'admin';

/**
 * Why the visitor was sent to log in, from where they were going: the login page says it in
 * words ("登录后即可预约…") instead of leaving them to guess. Null when there is no such page.
 */
export function loginReason(next: string | null | undefined): LoginReason | 'other' | null {
	const path = safeNext(next)?.split(/[?#]/)[0];
	if (!path) return null;
	if (/^\/service-points\/[^/]+(\/book)?$/.test(path) || /^\/elder\/(confirm|times)/.test(path))
		return 'book';
	if (/^\/(elder\/)?bookings(\/|$)/.test(path)) return 'bookings';
	if (path.startsWith('/notifications')) return 'notifications';
	if (path.startsWith('/profile')) return 'profile';
	if (path.startsWith('/staff')) return 'staff';
	if (path.startsWith('/admin')) return 'admin';
	return 'other';
}
