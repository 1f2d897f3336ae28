import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { privacyNoticeVersion } from '$lib/privacy';
import { requireUser } from '$lib/server/auth/guards';
import { consentRequired } from '$lib/privacy';
import { recordConsent } from '$lib/server/accounts/privacy';
import { homeOf, safeNext } from '$lib/server/auth/landing';
import { signOut } from '$lib/server/auth/sign-in';

/** Where to go once agreed: the page the person was on their way to, else their home. */
const onward = (url: URL, user: Parameters<typeof homeOf>[0]) =>
	safeNext(url.searchParams.get('next')) ?? homeOf(user);

/**
 * Asked once of a resident whose account is older than the current privacy notice (or who
 * agreed to an older version): agree and go on, or sign out (and come back, or delete the account).
 */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (!consentRequired(user)) redirect(303, onward(event.url, user));
	return {
		version: privacyNoticeVersion,
		next: safeNext(event.url.searchParams.get('next')) ?? ''
	};
};

export const actions: Actions = {
	agree: async (event) => {
		const user = requireUser(event);
		await recordConsent(event.locals.db, user.id);
		redirect(303, onward(event.url, user));
	},
	decline: async (event) => {
		requireUser(event);
		await signOut(event);
		redirect(303, '/');
	}
};
