import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as passwords from '$lib/server/accounts/passwords';
import { requestCode } from '$lib/server/auth/login';
import * as codeCookie from '$lib/server/auth/login-code-cookie';
import { isSecure } from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { formFailure } from '$lib/server/auth/respond';
import { homeOf } from '$lib/server/auth/landing';
import { passwordMinLength } from '$lib/server/auth/schemas';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/profile');
	return { passwordMinLength };
};

export const actions: Actions = {
	/** Step 1: a reset code to the phone (the same answer for a number without an account). */
	send: async (event) => {
		const input = formInput(await event.request.formData());
		const parsed = parse(schemas.loginCodeRequest, input);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input);
		const result = await requestCode(
			event.locals.db,
			parsed.data.phone,
			event.getClientAddress(),
			'reset'
		);
		if (!result.ok) return formFailure(event, result, input);
		codeCookie.setTicket(event.cookies, result.ticket, isSecure(event.url), 'reset');
		return {
			sent: m.login_code_sent({ phone: result.phoneMasked }),
			values: { phone: parsed.data.phone }
		};
	},
	/** Step 2: the code and a new password; every other session ends, this browser signs in. */
	reset: async (event) => {
		const input = formInput(await event.request.formData());
		const ticket = codeCookie.getTicket(event.cookies, 'reset');
		const sentStep = { sentBefore: true };
		if (!ticket) {
			const message = m.error_login_code_expired();
			return formFailure(event, { status: 400, message, errors: { code: message } }, input);
		}
		const parsed = parse(schemas.passwordReset, { ...input, ticket });
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input, sentStep);
		const result = await passwords.resetByCode(
			event.locals.db,
			parsed.data,
			event.getClientAddress()
		);
		if (!result.ok) return formFailure(event, result, input, sentStep);
		codeCookie.clearTicket(event.cookies, isSecure(event.url), 'reset');
		const user = await signIn(event, result.userId, result.locale);
		redirect(303, `${homeOf(user)}`);
	}
};
