import type { Cookies } from '@sveltejs/kit';
import { elderCookie } from '$lib/elder-cookie';

/** What 长辈版 needs of the signed-in person (auth's SessionUser has these). */
type Person = { id: number; elderMode: boolean };

/**
 * 长辈版 (elder mode) is remembered in a cookie for visitors and in the profile for signed-in
 * people (the profile wins: see hooks.server.ts). Opening /elder turns it on for the browser; the
 * header's "长辈版" and "标准版" switches (POST forms) turn it on and off, profile included.
 */
const yearS = 365 * 24 * 60 * 60;
const cookieOptions = { path: '/', maxAge: yearS, httpOnly: true, sameSite: 'lax' } as const;

/** Every page under /elder is a 长辈版 page, whatever was remembered before. */
export function isElderPath(pathname: string): boolean {
	return pathname === '/elder' || pathname.startsWith('/elder/');
}

/** The mode a request is rendered in: an /elder page, else the profile, else the visitor's cookie. */
export function modeOf(pathname: string, user: Person | null, cookies: Cookies): boolean {
	return isElderPath(pathname) || (user?.elderMode ?? cookies.get(elderCookie) === '1');
}

/**
 * For this browser only (a visitor's 长辈版): what a GET of /elder may do. A GET never writes the
 * profile, or any link, prefetch or image on another site could switch a signed-in person.
 */
export function rememberInBrowser(on: boolean, cookies: Cookies): void {
	if ((cookies.get(elderCookie) === '1') !== on)
		cookies.set(elderCookie, on ? '1' : '0', cookieOptions);
}

/** What the mapping needs to know beyond the path: the place a slot belongs to (a database read). */
export interface StandardPageLookup {
	servicePointOfSlot(slotId: number): Promise<number | null>;
}

const noLookup: StandardPageLookup = { servicePointOfSlot: async () => null };

/** A positive whole number from a path segment (ids in the URL), else null. */
function idOf(segment: string | undefined): number | null {
	return segment && /^[1-9]\d{0,9}$/.test(segment) ? Number(segment) : null;
}

/**
 * Where "标准版" leads: back to the same page when it is a standard page, else the standard twin of
 * the 长辈版 page (the same task, place, slot or booking), else the home page. Only local paths
 * are followed.
 */
export async function standardPageFor(
	next: string | null,
	lookup: StandardPageLookup = noLookup
): Promise<string> {
	if (!next || !/^\/(?![/\\])[^\s]*$/.test(next)) return '/';
	const [path, query = ''] = next.split('#')[0].split('?');
	if (!isElderPath(path)) return next;
	const [, , section, id, action] = path.split('/');
	const home = new URLSearchParams(query).get('home'); // not a query
	switch (section) {
		case 'places': {
			// the same category on the map (which ignores an unknown one), from the same home when the
			// link carried one
			if (!id || !/^[a-z_]{1,32}$/.test(id)) return '/map';
			const params = new URLSearchParams({ category: id });
			if (home) params.set('home', home);
			return `/map?${params}`;
		}
		case 'home':
			return '/map';
		case 'times':
			return idOf(id) ? `/service-points/${idOf(id)}` : '/';
		case 'confirm': {
			const slotId = idOf(id);
			const pointId = slotId ? await lookup.servicePointOfSlot(slotId) : null;
			return slotId && pointId ? `/service-points/${pointId}/book?slot=${slotId}` : '/';
		}
		case 'bookings': {
			const bookingId = idOf(id);
			if (!bookingId) return '/bookings';
			return action === 'cancel' ? `/bookings/${bookingId}#cancel` : `/bookings/${bookingId}/slip`;
		}
		default:
			return '/';
	}
}
