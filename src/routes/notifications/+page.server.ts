import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as notifications from '$lib/server/notifications';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { notifications: notifications.list(event.locals.db, user.id) };
};

export const actions: Actions = {
	read: (event) => {
		const user = requireUser(event);
		notifications.markAllRead(event.locals.db, user.id);
		return { read: true };
	}
};
