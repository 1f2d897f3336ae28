import type { Cookies } from '@sveltejs/kit';
import { codeLifetimeMs } from './codes';
import { cookieOptions } from './session';

/** The login page keeps the ticket of the code it asked for in a short-lived cookie on /login. */
const name = 'login-code';

export function setTicket(cookies: Cookies, ticket: string, secure: boolean): void {
	cookies.set(name, ticket, {
		...cookieOptions(secure),
		path: '/login',
		maxAge: codeLifetimeMs / 1000
	});
}

export function getTicket(cookies: Cookies): string | undefined {
	const ticket = cookies.get(name);
	return ticket && /^[a-z2-7]{32}$/.test(ticket) ? ticket : undefined;
}

export function clearTicket(cookies: Cookies, secure: boolean): void {
	cookies.set(name, '', { ...cookieOptions(secure), path: '/login', maxAge: 0 });
}
