import type { Cookies } from '@sveltejs/kit';
import * as users from '../accounts/users';
import type { SessionUser } from '../auth/session';

/**
 * 长辈版 (elder mode) is remembered in a cookie for visitors and in the profile for signed-in
 * people (the profile wins: see hooks.server.ts). Entering any /elder page turns it on; the
 * "标准版" switch in the header turns it off.
 */
export const elderCookie = 'elder';
const yearS = 365 * 24 * 60 * 60;
const cookieOptions = { path: '/', maxAge: yearS, httpOnly: true, sameSite: 'lax' } as const;

/** Every page under /elder is a 长辈版 page, whatever was remembered before. */
export function isElderPath(pathname: string): boolean {
	return pathname === '/elder' || pathname.startsWith('/elder/');
}

/** The mode a request is rendered in: an /elder page, else the profile, else the visitor's cookie. */
export function modeOf(pathname: string, user: SessionUser | null, cookies: Cookies): boolean {
	return isElderPath(pathname) || (user?.elderMode ?? cookies.get(elderCookie) === '1');
}

export function remember(on: boolean, user: SessionUser | null, cookies: Cookies): void {
	if ((cookies.get(elderCookie) === '1') !== on)
		cookies.set(elderCookie, on ? '1' : '0', cookieOptions);
	if (user && user.elderMode !== on) {
		users.setElderMode(user.id, on);
		user.elderMode = on;
	}
}

/**
 * Where "标准版" leads: back to the same page, except that an /elder page has no standard twin
 * (its tasks live on the standard home, map and bookings pages), so it leads to the home page.
 * Only local paths are followed.
 */
export function standardPageFor(next: string | null): string {
	if (!next || !/^\/(?![/\\])[^\s]*$/.test(next)) return '/';
	const path = next.split(/[?#]/)[0];
	if (!isElderPath(path)) return next;
	if (path.startsWith('/elder/bookings')) return '/bookings';
	return '/';
}
