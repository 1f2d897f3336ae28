import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as family from '$lib/server/accounts/family';
import * as invitations from '$lib/server/accounts/invitations';
import { requireThat, requireUser } from '$lib/server/auth/guards';
import { formFailure } from '$lib/server/auth/respond';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { links: await family.listFor(event.locals.db, user.id) };
};

/** The open link named in the form, after checking the person is on the right side of it. */
async function linkFrom(db: App.Locals['db'], request: Request) {
	const parsed = parse(schemas.linkAction, formInput(await request.formData()));
	return parsed.ok ? await family.getOpen(db, parsed.data.linkId) : undefined;
}

export const actions: Actions = {
	invite: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(schemas.invitation, input);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input);
		const invited = await invitations.invite(
			event.locals.db,
			user.id,
			parsed.data.phone,
			event.getClientAddress()
		);
		if (!invited.ok) {
			const errors = invited.status === 400 ? { phone: invited.message } : undefined;
			return formFailure(event, { ...invited, errors }, input);
		}
		return { done: m.family_invited() };
	},
	confirm: async (event) => {
		const user = requireUser(event);
		const link = await linkFrom(event.locals.db, event.request);
		if (!link) return fail(404, { message: m.family_not_found() });
		// Only the elder confirms here; staff confirm at the desk (/staff/family-links).
		requireThat(link.elderUserId === user.id);
		await family.confirm(event.locals.db, link.id, user.id);
		return { done: m.family_confirmed() };
	},
	end: async (event) => {
		const user = requireUser(event);
		const link = await linkFrom(event.locals.db, event.request);
		if (!link) return fail(404, { message: m.family_not_found() });
		requireThat(link.elderUserId === user.id || link.carerUserId === user.id);
		await family.end(event.locals.db, link.id, user.id);
		return { done: m.family_ended() };
	}
};
