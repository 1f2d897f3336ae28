import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { authenticate, requestCode } from '$lib/server/auth/login';
import { deviceCookieName } from '$lib/server/auth/device';
import * as loginCode from '$lib/server/auth/login-code-cookie';
import { isSecure } from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { formFailure } from '$lib/server/auth/respond';
import { landingAfterSignIn, loginReason, safeNext } from '$lib/server/auth/landing';
import { formInput, parse } from '$lib/server/validation';
import { isDemo } from '$lib/server/dataset';
import { demoSignIns } from '$lib/server/accounts/demo';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const next = url.searchParams.get('next');
	if (locals.user) redirect(303, landingAfterSignIn(locals.user, cookies, next));
	const demo = (await isDemo(locals.db)) ? demoSignIns(getLocale()) : null;
	return {
		next: safeNext(next) ?? '',
		reason: loginReason(next),
		demoPassword: demo?.password ?? null,
		demoAccounts: demo?.accounts ?? []
	};
};

/** A locked account: text a code to its phone (the same answer for a number with no account). */
async function sendCode(event: RequestEvent, input: Record<string, string | string[]>) {
	const parsed = parse(schemas.loginCodeRequest, input);
	if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input, { needsCode: true });
	const result = await requestCode(event.locals.db, parsed.data.phone, event.getClientAddress());
	if (!result.ok) return formFailure(event, result, input, { needsCode: true });
	loginCode.setTicket(event.cookies, result.ticket, isSecure(event.url));
	return {
		needsCode: true,
		sent: m.login_code_sent({ phone: result.phoneMasked }),
		values: { phone: parsed.data.phone }
	};
}

export const actions: Actions = {
	default: async (event) => {
		const input = formInput(await event.request.formData());
		// "Text me a code" is a second button of the same form (one action keeps POST /login as it is)
		if (input.intent === 'code') return sendCode(event, input);
		const parsed = parse(schemas.login, input);
		// once a code was asked for, the form keeps its code field
		const needsCode = Boolean(input.code);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input, { needsCode });
		const { phone, password, code } = parsed.data;
		const result = await authenticate(event.locals.db, phone, password, event.getClientAddress(), {
			code,
			ticket: loginCode.getTicket(event.cookies),
			deviceToken: event.cookies.get(deviceCookieName)
		});
		if (!result.ok)
			return formFailure(event, result, input, {
				needsCode: needsCode || result.reason === 'code_required'
			});
		loginCode.clearTicket(event.cookies, isSecure(event.url));
		const user = await signIn(event, result.userId, result.locale);
		redirect(303, landingAfterSignIn(user, event.cookies, event.url.searchParams.get('next')));
	}
};
