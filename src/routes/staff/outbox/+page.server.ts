import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guards';
import { recentSms } from '$lib/server/outbox';
import { isDemo } from '$lib/server/dataset';
import { maskPhone } from '$lib/phone';
import { m } from '$lib/paraglide/messages';

/** Demo mode only: the development sender's messages, for staff to pass a code on. */
export const load: PageServerLoad = (event) => {
	requireStaff(event);
	if (!isDemo()) error(404, m.error_not_found());
	return {
		messages: recentSms().map(({ recipient, ...message }) => ({
			...message,
			recipientMasked: maskPhone(recipient)
		}))
	};
};
