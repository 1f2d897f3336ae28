import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as family from '$lib/server/accounts/family';
import * as users from '$lib/server/accounts/users';
import { requireStaff } from '$lib/server/auth/guards';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/** At the desk: staff look an elder up by phone and confirm a pending family link for them. */
export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const phone = event.url.searchParams.get('phone');
	if (!phone) return { phone: '', elder: null, pending: [], message: null };
	const parsed = parse(schemas.phone, phone);
	if (!parsed.ok) return { phone, elder: null, pending: [], message: m.error_phone_invalid() };
	const elder = users.findByPhone(parsed.data);
	if (!elder || elder.role !== 'resident' || !elder.communityCode) {
		return { phone, elder: null, pending: [], message: m.family_no_account() };
	}
	// Only staff serving the elder's community (or an administrator) see who asked to link.
	requireStaff(event, elder.communityCode);
	return {
		phone,
		elder: { name: elder.name },
		pending: family.pendingForElder(elder.id),
		message: null
	};
};

export const actions: Actions = {
	confirm: async (event) => {
		requireStaff(event);
		const parsed = parse(schemas.linkAction, formInput(await event.request.formData()));
		const link = parsed.ok ? family.getOpen(parsed.data.linkId) : undefined;
		if (!link?.elderCommunityCode) return fail(404, { message: m.family_not_found() });
		const staff = requireStaff(event, link.elderCommunityCode);
		family.confirm(link.id, staff.id, true);
		return { done: m.family_confirmed() };
	}
};
