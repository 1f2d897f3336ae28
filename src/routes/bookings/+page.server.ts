import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as queries from '$lib/server/booking/queries';
import * as waitlist from '$lib/server/booking/waitlist';
import { refusal } from '$lib/server/booking/responses';
import { waitlistLeaveRequest } from '$lib/server/booking/schemas';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/** My bookings: upcoming, past and waitlists, for me and the elders linked to me. */
export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const waiting = Number(event.url.searchParams.get('waiting')) || null;
	return { ...queries.listForViewer(user.id), viewerId: user.id, joinedPosition: waiting };
};

export const actions: Actions = {
	leave: async (event) => {
		const user = requireUser(event);
		const parsed = parse(waitlistLeaveRequest, formInput(await event.request.formData()));
		if (!parsed.ok) return fail(400, { message: m.book_invalid(), errors: parsed.errors });
		const result = waitlist.leave({ entryId: parsed.data.entryId, byUserId: user.id });
		if (result.status !== 'ok') {
			const r = refusal(result);
			return fail(r.status, { message: r.message });
		}
		return { left: true };
	}
};
