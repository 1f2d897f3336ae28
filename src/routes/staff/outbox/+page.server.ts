import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guards';
import { communitiesServed } from '$lib/server/auth/scopes';
import { recentSms } from '$lib/server/outbox';
import { isDemo } from '$lib/server/dataset';
import { maskPhone } from '$lib/phone';
import { m } from '$lib/paraglide/messages';

/**
 * Demo mode only: the development sender's messages, for staff to pass a code on. Staff read those of
 * their communities (a booking's by its service point, a code by the community chosen at registration);
 * administrators read all.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	if (!(await isDemo(event.locals.db))) error(404, m.error_not_found());
	const communities =
		user.role === 'admin' ? null : await communitiesServed(event.locals.db, user.id);
	const messages = await recentSms(event.locals.db, communities);
	return {
		messages: messages.map(({ recipient, ...message }) => ({
			...message,
			recipientMasked: maskPhone(recipient)
		}))
	};
};
