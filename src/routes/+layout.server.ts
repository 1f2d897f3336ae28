import type { LayoutServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';

export const load: LayoutServerLoad = ({ locals }) => ({
	elderMode: locals.elderMode,
	locale: getLocale()
});
