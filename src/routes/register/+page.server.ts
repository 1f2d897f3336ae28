import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as registration from '$lib/server/accounts/registration';
import { communityChoices, residenceChoices } from '$lib/server/accounts/choices';
import { setTicket } from '$lib/server/auth/registration-cookie';
import { isSecure } from '$lib/server/auth/session';
import { formFailure } from '$lib/server/auth/respond';
import { landingAfterSignIn, safeNext } from '$lib/server/auth/landing';
import { formInput, parse } from '$lib/server/validation';
import { parseId } from '$lib/server/params';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	if (locals.user)
		redirect(303, landingAfterSignIn(locals.user, cookies, url.searchParams.get('next')));
	// ?community= (and ?residence=) preselect, e.g. from a community page or the map.
	const community = url.searchParams.get('community');
	return {
		streets: await communityChoices(locals.db),
		community,
		residence: parseId(url.searchParams.get('residence')),
		residences: await residenceChoices(locals.db, community),
		passwordMinLength: schemas.passwordMinLength
	};
};

export const actions: Actions = {
	default: async (event) => {
		const input = formInput(await event.request.formData());
		const parsed = parse(schemas.registration, input);
		// The residence list follows the community the person had chosen.
		const community = typeof input.communityCode === 'string' ? input.communityCode : '';
		const failure = async (refusal: Parameters<typeof formFailure>[1]) =>
			formFailure(event, refusal, input, {
				residences: await residenceChoices(event.locals.db, community)
			});
		if (!parsed.ok) return failure({ status: 400, ...parsed });
		const started = await registration.start(
			event.locals.db,
			parsed.data,
			event.getClientAddress()
		);
		if (!started.ok) return failure(started);
		setTicket(event.cookies, started.ticket, isSecure(event.url));
		// where the person was going survives the code step
		const next = safeNext(event.url.searchParams.get('next'));
		redirect(303, next ? `/register/verify?next=${encodeURIComponent(next)}` : '/register/verify');
	}
};
