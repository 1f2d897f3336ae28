import type { Cookies } from '@sveltejs/kit';
import { codeLifetimeMs } from './codes';
import { cookieOptions } from './session';

/** The pages keep the registration ticket in a short-lived cookie scoped to /register. */
const name = 'registration';

export function setTicket(cookies: Cookies, ticket: string, secure: boolean): void {
	cookies.set(name, ticket, {
		...cookieOptions(secure),
		path: '/register',
		maxAge: codeLifetimeMs / 1000
	});
}

export function getTicket(cookies: Cookies): string | null {
	const ticket = cookies.get(name);
	return ticket && /^[a-z2-7]{32}$/.test(ticket) ? ticket : null;
}

export function clearTicket(cookies: Cookies, secure: boolean): void {
	cookies.set(name, '', { ...cookieOptions(secure), path: '/register', maxAge: 0 });
}
