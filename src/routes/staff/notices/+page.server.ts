import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireThat } from '$lib/server/auth/guards';
import * as notices from '$lib/server/notices';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/** 发布公告: the places I may publish for, and the notices published there. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	return {
		targets: await notices.targetsFor(event.locals.db, user),
		notices: await notices.forStaff(event.locals.db, user)
	};
};

export const actions: Actions = {
	publish: async (event) => {
		const user = requireStaff(event);
		const input = formInput(await event.request.formData());
		// staff of the community (or its street) and administrators only: 403 before anything else
		const place = parse(notices.targetInput, input);
		if (place.ok) requireThat(await notices.mayPublish(event.locals.db, user, place.data.target));
		const parsed = parse(notices.noticeInput, input);
		if (!parsed.ok)
			return fail(400, {
				form: 'publish',
				message: Object.values(parsed.errors)[0] ?? parsed.message,
				errors: parsed.errors,
				values: echo(input)
			});
		const result = await notices.publish(event.locals.db, {
			notice: parsed.data,
			byUserId: user.id
		});
		if (result.status !== 'ok')
			return fail(400, { form: 'publish', message: m.notices_error_unknown_target() });
		return { form: 'publish', done: m.notices_published(), id: result.id };
	},
	withdraw: async (event) => {
		const user = requireStaff(event);
		const parsed = parse(notices.noticeIdInput, formInput(await event.request.formData()));
		if (!parsed.ok) return fail(400, { form: 'withdraw', message: parsed.message });
		const target = await notices.targetOf(event.locals.db, parsed.data.noticeId);
		if (!target) return fail(404, { form: 'withdraw', message: m.error_not_found() });
		requireThat(await notices.mayPublish(event.locals.db, user, target));
		const result = await notices.withdraw(event.locals.db, {
			id: parsed.data.noticeId,
			byUserId: user.id
		});
		if (result.status !== 'ok')
			return fail(404, { form: 'withdraw', message: m.error_not_found() });
		return { form: 'withdraw', done: m.notices_withdrawn() };
	}
};
