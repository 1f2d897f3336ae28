import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import * as notifications from '$lib/server/notifications';
import { consentRequired } from '$lib/privacy';
import { mayOpenWithoutConsent } from '$lib/server/accounts/privacy';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	// a resident who has not agreed to the current privacy notice is asked once, before anything else
	if (locals.user && consentRequired(locals.user) && !mayOpenWithoutConsent(url.pathname))
		redirect(303, `/privacy/consent?next=${encodeURIComponent(url.pathname + url.search)}`);
	return layoutData(locals, url);
};

const layoutData = async (locals: App.Locals, url: URL) => ({
	// Read with the path so that it is loaded again on every navigation: entering an /elder page
	// switches the header to 长辈版 without a reload, and the unread count stays current.
	elderMode: locals.elderMode || url.pathname.startsWith('/elder'),
	locale: getLocale(),
	// Only what the header needs: never the phone, a token or a hash.
	user: locals.user ? { name: locals.user.name, role: locals.user.role } : null,
	unread: locals.user ? await notifications.unreadCount(locals.db, locals.user.id) : 0
});
