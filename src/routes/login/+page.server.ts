import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import { authenticate } from '$lib/server/auth/login';
import { signIn } from '$lib/server/auth/sign-in';
import { formFailure, safeNext } from '$lib/server/auth/respond';
import { formInput, parse } from '$lib/server/validation';
import { isDemo } from '$lib/server/dataset';
import { demoAccounts, demoPassword } from '$lib/server/db/seed-accounts';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url));
	const demo = isDemo();
	const english = getLocale() === 'en';
	return {
		next: url.searchParams.get('next') ?? '',
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
		signIn(event, result.userId, result.locale);
		redirect(303, safeNext(event.url));
	}
};
