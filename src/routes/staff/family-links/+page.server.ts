import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as family from '$lib/server/accounts/family';
import * as desk from '$lib/server/accounts/desk-confirmation';
import * as users from '$lib/server/accounts/users';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import { formFailure } from '$lib/server/auth/respond';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/**
 * At the desk: staff look an elder up by phone and confirm a pending family link for them, with the
 * code texted to the elder's phone (the elder is there and agrees). Not a link they are part of.
 */
export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const phone = event.url.searchParams.get('phone');
	if (!phone) return { phone: '', elder: null, pending: [], message: null };
	const parsed = parse(schemas.phone, phone);
	if (!parsed.ok) return { phone, elder: null, pending: [], message: m.error_phone_invalid() };
	const elder = await users.findByPhone(event.locals.db, parsed.data);
	if (!elder || elder.role !== 'resident' || !elder.communityCode) {
		return { phone, elder: null, pending: [], message: m.family_no_account() };
	}
	// Only staff serving the elder's community (or an administrator) see who asked to link.
	await requireStaffFor(event, elder.communityCode);
	return {
		phone,
		elder: { name: elder.name },
		pending: await family.pendingForElder(event.locals.db, elder.id),
		message: null
	};
};

/** The open link named in the form, once the staff member is known to serve its elder's community. */
async function linkFrom(event: Parameters<Actions[string]>[0]) {
	requireStaff(event);
	const input = formInput(await event.request.formData());
	const parsed = parse(schemas.deskConfirmation, input);
	const link = parsed.ok ? await family.getOpen(event.locals.db, parsed.data.linkId) : undefined;
	if (!parsed.ok || !link?.elderCommunityCode) return { input, link: undefined };
	const staff = await requireStaffFor(event, link.elderCommunityCode);
	return { input, link, staff, code: parsed.data.code };
}

export const actions: Actions = {
	sendCode: async (event) => {
		const { input, link, staff } = await linkFrom(event);
		if (!link || !staff) return fail(404, { message: m.family_not_found() });
		const result = await desk.sendCode(event.locals.db, link, staff.id, event.getClientAddress());
		if (!result.ok) return formFailure(event, result, input, { linkId: link.id });
		return {
			linkId: link.id,
			done: result.already
				? m.family_confirmed()
				: m.desk_family_code_sent({ phone: result.phoneMasked ?? '' })
		};
	},
	confirm: async (event) => {
		const { input, link, staff, code } = await linkFrom(event);
		if (!link || !staff) return fail(404, { message: m.family_not_found() });
		const result = await desk.confirm(event.locals.db, link, staff.id, code);
		if (!result.ok) return formFailure(event, result, input, { linkId: link.id });
		return { done: m.family_confirmed() };
	}
};
