import type { Cookies } from '@sveltejs/kit';
import { codeLifetimeMs } from './codes';
import { cookieOptions } from './session';

/**
 * The login pages keep the ticket of the code they asked for in a short-lived cookie on /login:
 * `login-code` for signing in, `reset-code` for a password reset (/login/reset).
 */
type Purpose = 'login' | 'reset';
const names: Record<Purpose, string> = { login: 'login-code', reset: 'reset-code' };

export function setTicket(
	cookies: Cookies,
	ticket: string,
	secure: boolean,
	purpose: Purpose = 'login'
): void {
	cookies.set(names[purpose], ticket, {
		...cookieOptions(secure),
		path: '/login',
		maxAge: codeLifetimeMs / 1000
	});
}

export function getTicket(cookies: Cookies, purpose: Purpose = 'login'): string | undefined {
	const ticket = cookies.get(names[purpose]);
	return ticket && /^[a-z2-7]{32}$/.test(ticket) ? ticket : undefined;
}

export function clearTicket(cookies: Cookies, secure: boolean, purpose: Purpose = 'login'): void {
	cookies.set(names[purpose], '', { ...cookieOptions(secure), path: '/login', maxAge: 0 });
}
