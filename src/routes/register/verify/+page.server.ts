import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as registration from '$lib/server/accounts/registration';
import { clearTicket, getTicket } from '$lib/server/auth/registration-cookie';
import { isSecure } from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { formFailure } from '$lib/server/auth/respond';
import { landingAfterSignIn } from '$lib/server/auth/landing';
import { formInput, parse } from '$lib/server/validation';
import { isDemo } from '$lib/server/dataset';
import { maskPhone } from '$lib/phone';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ cookies, locals }) => {
	const ticket = getTicket(cookies);
	const phone = ticket ? await registration.pendingPhone(locals.db, ticket) : null;
	return { phoneMasked: phone ? maskPhone(phone) : null, demo: await isDemo(locals.db) };
};

export const actions: Actions = {
	verify: async (event) => {
		const input = formInput(await event.request.formData());
		const ticket = getTicket(event.cookies);
		if (!ticket) return formFailure(event, { status: 410, message: m.error_code_expired() }, input);
		const parsed = parse(schemas.verification, input);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input);
		const result = await registration.verify(event.locals.db, ticket, parsed.data.code);
		if (!result.ok) return formFailure(event, result, input);
		clearTicket(event.cookies, isSecure(event.url));
		const user = await signIn(event, result.userId, result.locale);
		redirect(303, landingAfterSignIn(user, event.cookies, event.url.searchParams.get('next')));
	},
	resend: async (event) => {
		const ticket = getTicket(event.cookies);
		if (!ticket) return formFailure(event, { status: 410, message: m.error_code_expired() }, {});
		const result = await registration.resend(event.locals.db, ticket, event.getClientAddress());
		if (!result.ok) return formFailure(event, result, {});
		return { resent: true };
	}
};
