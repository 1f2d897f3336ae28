import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as family from '$lib/server/accounts/family';
import * as volunteers from '$lib/server/volunteers';
import { parseWholeNumber } from '$lib/server/numbers';
import { pageFailure, refuse } from '$lib/server/refusal';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/** 找志愿者: ask for help for oneself or a linked elder, follow it, confirm it happened. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = event.locals.db;
	const now = Date.now();
	return {
		elders: await family.eldersOf(db, user.id),
		items: [...volunteers.volunteerItems],
		requests: (await volunteers.requestsFor(db, user.id, now)).map(({ volunteer, ...r }) => ({
			...r,
			volunteer: volunteer && {
				name: volunteer.name,
				maskedPhone: volunteer.maskedPhone,
				call: `tel:${volunteer.phone}`
			}
		}))
	};
};

async function requestId(request: Request) {
	const form = await request.formData();
	return parseWholeNumber(String(form.get('id') ?? ''));
}

export const actions: Actions = {
	ask: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(volunteers.helpRequestInput, input);
		if (!parsed.ok)
			return pageFailure(refuse('invalid_input', parsed.message), {
				form: 'ask',
				errors: parsed.errors,
				values: echo(input)
			});
		const result = await volunteers.ask(event.locals.db, {
			...parsed.data,
			actor: { id: user.id, role: user.role },
			elderUserId: parsed.data.forUserId ?? user.id
		});
		if (result.status !== 'ok')
			return pageFailure(
				volunteers.volunteerRefusal(result),
				{ form: 'ask', values: echo(input) },
				event
			);
		return { form: 'ask', asked: result.request };
	},
	confirm: async (event) => {
		const user = requireUser(event);
		const id = await requestId(event.request);
		if (id === null) return pageFailure(refuse('invalid_input', m.error_bad_id()));
		const result = await volunteers.confirm(event.locals.db, {
			requestId: id,
			actor: { id: user.id, role: user.role }
		});
		if (result.status !== 'ok') return pageFailure(volunteers.volunteerRefusal(result));
		return { form: 'confirm', confirmed: id };
	},
	cancel: async (event) => {
		const user = requireUser(event);
		const id = await requestId(event.request);
		if (id === null) return pageFailure(refuse('invalid_input', m.error_bad_id()));
		const result = await volunteers.cancel(event.locals.db, {
			requestId: id,
			actor: { id: user.id, role: user.role }
		});
		if (result.status !== 'ok') return pageFailure(volunteers.volunteerRefusal(result));
		return { form: 'cancel', cancelled: id };
	}
};
