import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as staffAccounts from '$lib/server/accounts/staff-accounts';
import { communityChoices } from '$lib/server/accounts/choices';
import { requireAdmin } from '$lib/server/auth/guards';
import { formFailure } from '$lib/server/auth/respond';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

const lists = ['communityCodes', 'streetCodes'];

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return {
		accounts: await staffAccounts.list(event.locals.db),
		streets: await communityChoices(event.locals.db),
		passwordMinLength: schemas.passwordMinLength
	};
};

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
	}
};
