import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as sessions from '$lib/server/auth/session';
import * as devices from '$lib/server/auth/device';
import { requireUser } from '$lib/server/auth/guards';
import { signOut } from '$lib/server/auth/sign-in';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const currentId = event.locals.session?.id;
	const rows = await sessions.listForUser(event.locals.db, user.id);
	return {
		sessions: rows.map((row) => ({
			handle: sessions.handleOf(row.id),
			device: row.userAgent,
			token: row.kind === 'bearer',
			createdAt: row.createdAt,
			current: row.id === currentId
		}))
	};
};

export const actions: Actions = {
	end: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const handle = form.get('handle');
		if (typeof handle !== 'string' || !/^[0-9a-f]{16}$/.test(handle)) {
			return fail(400, { message: m.error_bad_id() });
		}
		// Only ever one of the person's own sessions: another person's handle matches nothing.
		if (!(await sessions.invalidateByHandle(event.locals.db, user.id, handle)))
			return fail(404, { message: m.error_not_found() });
		return { done: m.sessions_ended() };
	},
	everywhere: async (event) => {
		const user = requireUser(event);
		await sessions.invalidateAll(event.locals.db, user.id);
		// no browser stays trusted to pass a lock with the password alone
		await devices.forgetAll(event.locals.db, user.id);
		await signOut(event);
		redirect(303, '/login');
	}
};
