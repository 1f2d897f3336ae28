import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { servesCommunity } from './scopes';
import type { SessionUser } from './session';

/**
 * The only way routes check access. Call first in every load, action and endpoint that touches
 * personal data. Pages send anonymous visitors to the login page (and back afterwards); the JSON
 * API answers 401; a signed-in person without the right role or scope gets 403.
 */

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request'>;

function isApi(event: Event): boolean {
	return event.url.pathname.startsWith('/api/');
}

/** Where to come back to after login: the page itself, never a form action's URL. */
export function loginUrl(url: URL, method = 'GET'): string {
	const back = method === 'GET' ? url.pathname + url.search : url.pathname;
	return `/login?next=${encodeURIComponent(back)}`;
}

export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (isApi(event)) error(401, { code: 'unauthenticated', message: m.error_sign_in_required() });
	redirect(303, loginUrl(event.url, event.request.method));
}

function forbidden(): never {
	error(403, { code: 'forbidden', message: m.error_forbidden() });
}

/** Any staff member or administrator (pages that are not about one community). */
export function requireStaff(event: Event): SessionUser {
	const user = requireUser(event);
	if (user.role !== 'admin' && user.role !== 'staff') forbidden();
	return user;
}

/**
 * Staff serving the community (directly or through its street), or an administrator. Asynchronous
 * (it reads the scopes), so it has a name of its own: a forgotten await of a guard that is also
 * synchronous would let everyone through.
 */
export async function requireStaffFor(event: Event, communityCode: string): Promise<SessionUser> {
	const user = requireStaff(event);
	if (user.role === 'admin') return user;
	if (!(await servesCommunity(event.locals.db, user.id, communityCode))) forbidden();
	return user;
}

export function requireAdmin(event: Event): SessionUser {
	const user = requireUser(event);
	if (user.role !== 'admin') forbidden();
	return user;
}

/** For checks that need the data first (e.g. "is this booking's elder mine?"): 403 when false. */
export function requireThat(condition: boolean): void {
	if (!condition) forbidden();
}
