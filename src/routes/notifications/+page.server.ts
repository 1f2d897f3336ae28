import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as notifications from '$lib/server/booking/notification-centre';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { notifications: notifications.list(user.id) };
};

export const actions: Actions = {
	read: (event) => {
		const user = requireUser(event);
		notifications.markAllRead(user.id);
		return { read: true };
	}
};
