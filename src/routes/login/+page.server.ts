import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { authenticate } from '$lib/server/auth/login';
import { signIn } from '$lib/server/auth/sign-in';
import { formFailure } from '$lib/server/auth/respond';
import { landingAfterSignIn, loginReason, safeNext } from '$lib/server/auth/landing';
import { formInput, parse } from '$lib/server/validation';
import { isDemo } from '$lib/server/dataset';
import { demoAccounts, demoPassword } from '$lib/server/db/seed-accounts';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = ({ locals, url, cookies }) => {
	const next = url.searchParams.get('next');
	if (locals.user) redirect(303, landingAfterSignIn(locals.user, cookies, next));
	const demo = isDemo();
	const english = getLocale() === 'en';
	return {
		next: safeNext(next) ?? '',
		reason: loginReason(next),
		demoPassword: demo ? demoPassword : null,
		demoAccounts: demo
			? demoAccounts.map((a) => ({
					phone: a.phone,
					description: english ? a.descriptionEn : a.descriptionZh
				}))
			: []
	};
};

export const actions: Actions = {
	default: async (event) => {
		const input = formInput(await event.request.formData());
		const parsed = parse(schemas.login, input);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input);
		const { phone, password } = parsed.data;
		const result = await authenticate(phone, password, event.getClientAddress());
		if (!result.ok) return formFailure(event, result, input);
		const user = signIn(event, result.userId, result.locale);
		redirect(303, landingAfterSignIn(user, event.cookies, event.url.searchParams.get('next')));
	}
};
