import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as users from '$lib/server/accounts/users';
import { deleteAccount } from '$lib/server/accounts/deletion';
import { requireUser } from '$lib/server/auth/guards';
import { verifyPassword } from '$lib/server/auth/password';
import { hit, limits, peek } from '$lib/server/auth/rate-limit';
import { tooMany } from '$lib/server/auth/login';
import { signOut } from '$lib/server/auth/sign-in';
import { formFailure } from '$lib/server/auth/respond';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) => {
	requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(schemas.deletion, input);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input);
		// The password is asked again (a borrowed, unlocked phone must not delete an account),
		// under the same per-account limit as login.
		const limited = await peek(event.locals.db, limits.loginAccount(), user.phone);
		if (!limited.allowed) return formFailure(event, tooMany(limited.retryAfterS), input);
		const hash = await users.passwordHashOf(event.locals.db, user.id);
		if (!hash || !(await verifyPassword(hash, parsed.data.password))) {
			await hit(event.locals.db, limits.loginAccount(), user.phone);
			const message = m.error_login_failed();
			return formFailure(event, { status: 400, message, errors: { password: message } }, input);
		}
		await deleteAccount(event.locals.db, user.id);
		await signOut(event);
		redirect(303, '/');
	}
};
