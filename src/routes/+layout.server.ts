import type { LayoutServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import * as notifications from '$lib/server/notifications';

export const load: LayoutServerLoad = async ({ locals, url }) => ({
	// Read with the path so that it is loaded again on every navigation: entering an /elder page
	// switches the header to 长辈版 without a reload, and the unread count stays current.
	elderMode: locals.elderMode || url.pathname.startsWith('/elder'),
	locale: getLocale(),
	// Only what the header needs: never the phone, a token or a hash.
	user: locals.user ? { name: locals.user.name, role: locals.user.role } : null,
	unread: locals.user ? await notifications.unreadCount(locals.db, locals.user.id) : 0
});
