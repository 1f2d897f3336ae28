import type { LayoutServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';

export const load: LayoutServerLoad = ({ locals }) => ({
	elderMode: locals.elderMode,
	locale: getLocale(),
	// Only what the header needs: never the phone, a token or a hash.
	user: locals.user ? { name: locals.user.name, role: locals.user.role } : null
});
