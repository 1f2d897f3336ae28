import type { PageServerLoad } from './$types';
import { privacyNoticeVersion } from '$lib/privacy';
import * as users from '$lib/server/accounts/users';

/** The privacy notice, for everyone; a signed-in person also sees when they agreed to it. */
export const load: PageServerLoad = async ({ locals }) => {
	const consent = locals.user ? await users.consentOf(locals.db, locals.user.id) : null;
	return { version: privacyNoticeVersion, consent };
};
