import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as users from '$lib/server/accounts/users';
import { communityChoices, residenceChoices } from '$lib/server/accounts/choices';
import { requireUser } from '$lib/server/auth/guards';
import { formFailure } from '$lib/server/auth/respond';
import { formInput, parse } from '$lib/server/validation';
import { cookieMaxAge, cookieName as localeCookie } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const profile = await users.getProfile(event.locals.db, user.id);
	if (!profile) error(404, m.error_not_found());
	return {
		profile,
		streets: await communityChoices(event.locals.db),
		residences: await residenceChoices(event.locals.db, profile.communityCode)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const community = typeof input.communityCode === 'string' ? input.communityCode : '';
		const extra = { residences: await residenceChoices(event.locals.db, community) };
		const parsed = parse(schemas.profile, input);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input, extra);
		const saved = await users.updateProfile(event.locals.db, user.id, parsed.data);
		if (!saved.ok) {
			const refusal = {
				status: 400,
				message: m.error_form_invalid(),
				errors: { [saved.field]: saved.message }
			};
			return formFailure(event, refusal, input, extra);
		}
		// The language follows the profile from the next page on.
		event.cookies.set(localeCookie, parsed.data.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
		return { saved: true };
	}
};
