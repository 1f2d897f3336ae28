import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as notifications from '$lib/server/notifications';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { notifications: await notifications.list(event.locals.db, user.id) };
};

export const actions: Actions = {
	read: async (event) => {
		const user = requireUser(event);
		await notifications.markAllRead(event.locals.db, user.id);
		return { read: true };
	}
};
