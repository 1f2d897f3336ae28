import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { authenticate, authenticateByCode, requestCode } from '$lib/server/auth/login';
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
import type { Locale } from '$lib/paraglide/runtime';

type Input = Record<string, string | string[]>;

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const next = url.searchParams.get('next');
	if (locals.user) redirect(303, landingAfterSignIn(locals.user, cookies, next));
	const demo = (await isDemo(locals.db)) ? demoSignIns(getLocale()) : null;
	return {
		next: safeNext(next) ?? '',
		// 验证码登录 (?by=code) or the password (the default)
		byCode: url.searchParams.get('by') === 'code',
		reason: loginReason(next),
		demoPassword: demo?.password ?? null,
		demoAccounts: demo?.accounts ?? []
	};
};

/**
 * Texts a code to the phone (the same answer for a number with no account): for a code login, or
 * for a locked account's password login.
 */
async function sendCode(event: RequestEvent, input: Input, byCode: boolean) {
	const extra = { needsCode: true, byCode };
	const parsed = parse(schemas.loginCodeRequest, input);
	if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input, extra);
	const result = await requestCode(event.locals.db, parsed.data.phone, event.getClientAddress());
	if (!result.ok) return formFailure(event, result, input, extra);
	loginCode.setTicket(event.cookies, result.ticket, isSecure(event.url));
	return {
		...extra,
		sent: m.login_code_sent({ phone: result.phoneMasked }),
		values: { phone: parsed.data.phone }
	};
}

type SignedIn = { userId: number; locale: Locale };
/** a person who proved who they are, or the form's failure to return */
type Attempt = { ok: true; signedIn: SignedIn } | { ok: false; failure: Failure };
type Failure = ReturnType<typeof formFailure>;

/** 短信验证码登录: the phone and the code texted with this browser's ticket. */
async function byCode(event: RequestEvent, input: Input): Promise<Attempt> {
	const extra = { needsCode: true, byCode: true };
	const ticket = loginCode.getTicket(event.cookies);
	const parsed = parse(schemas.codeLogin, { ...input, ticket: ticket ?? '' });
	if (!parsed.ok) {
		// no ticket: the code was never asked for in this browser (or it expired)
		const message = m.error_login_code_expired();
		const refusal =
			parsed.errors.ticket && !parsed.errors.code && !parsed.errors.phone
				? { status: 400, message, errors: { code: message } }
				: { status: 400, ...parsed };
		return { ok: false, failure: formFailure(event, refusal, input, extra) };
	}
	const result = await authenticateByCode(event.locals.db, parsed.data, event.getClientAddress());
	if (!result.ok) return { ok: false, failure: formFailure(event, result, input, extra) };
	return { ok: true, signedIn: result };
}

async function byPassword(event: RequestEvent, input: Input): Promise<Attempt> {
	const parsed = parse(schemas.login, input);
	// once a code was asked for, the form keeps its code field
	const needsCode = Boolean(input.code);
	if (!parsed.ok)
		return {
			ok: false,
			failure: formFailure(event, { status: 400, ...parsed }, input, { needsCode })
		};
	const { phone, password, code } = parsed.data;
	const result = await authenticate(event.locals.db, phone, password, event.getClientAddress(), {
		code,
		ticket: loginCode.getTicket(event.cookies),
		deviceToken: event.cookies.get(deviceCookieName)
	});
	if (!result.ok) {
		const extra = { needsCode: needsCode || result.reason === 'code_required' };
		return { ok: false, failure: formFailure(event, result, input, extra) };
	}
	return { ok: true, signedIn: result };
}

export const actions: Actions = {
	default: async (event) => {
		const input = formInput(await event.request.formData());
		const viaCode = input.by === 'code';
		// "Text me a code" is a second button of the same form (one action keeps POST /login as it is)
		if (input.intent === 'code') return sendCode(event, input, viaCode);
		const attempt = viaCode ? await byCode(event, input) : await byPassword(event, input);
		if (!attempt.ok) return attempt.failure;
		loginCode.clearTicket(event.cookies, isSecure(event.url));
		const { userId, locale } = attempt.signedIn;
		const user = await signIn(event, userId, locale);
		redirect(303, landingAfterSignIn(user, event.cookies, event.url.searchParams.get('next')));
	}
};
