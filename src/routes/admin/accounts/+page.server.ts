import type { Actions, PageServerLoad, RequestEvent } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as staffAccounts from '$lib/server/accounts/staff-accounts';
import { communityChoices } from '$lib/server/accounts/choices';
import { requireAdmin } from '$lib/server/auth/guards';
import { formFailure } from '$lib/server/auth/respond';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

const lists = ['communityCodes', 'streetCodes'];

export const load: PageServerLoad = async (event) => {
	const admin = requireAdmin(event);
	return {
		adminId: admin.id,
		accounts: await staffAccounts.list(event.locals.db),
		streets: await communityChoices(event.locals.db),
		passwordMinLength: schemas.passwordMinLength
	};
};

/** 停用 / 启用 one staff or administrator account (never one's own). */
async function setDisabled(event: RequestEvent, disable: boolean) {
	const admin = requireAdmin(event);
	const input = formInput(await event.request.formData());
	const parsed = parse(schemas.staffTarget, input);
	if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input);
	const userId = parsed.data.userId;
	const done = await staffAccounts.setDisabled(event.locals.db, admin.id, userId, disable);
	if (!done.ok) return formFailure(event, done, input);
	return {
		accountId: userId,
		done: disable ? m.accounts_admin_disabled_done() : m.accounts_admin_enabled_done()
	};
}

export const actions: Actions = {
	create: async (event) => {
		const admin = requireAdmin(event);
		const input = formInput(await event.request.formData(), lists);
		const parsed = parse(schemas.staffAccount, input);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input);
		const created = await staffAccounts.create(event.locals.db, admin.id, parsed.data);
		if (!created.ok) {
			const refusal = {
				status: 400,
				message: m.error_form_invalid(),
				errors: { [created.field]: created.message }
			};
			return formFailure(event, refusal, input);
		}
		return { created: true };
	},
	disable: (event) => setDisabled(event, true),
	enable: (event) => setDisabled(event, false),
	/** A staff member's communities and streets, replaced. */
	scope: async (event) => {
		const admin = requireAdmin(event);
		const input = formInput(await event.request.formData(), lists);
		const parsed = parse(schemas.staffScopeChange, input);
		const accountId = Number(input.userId) || null;
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input, { accountId });
		const { userId, ...scope } = parsed.data;
		const done = await staffAccounts.setScope(event.locals.db, admin.id, userId, scope);
		if (!done.ok) return formFailure(event, done, input, { accountId });
		return { accountId: userId, done: m.accounts_admin_scope_done() };
	}
};
