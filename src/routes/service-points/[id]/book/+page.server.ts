import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as availability from '$lib/server/booking/availability';
import * as bookings from '$lib/server/booking/book';
import * as changes from '$lib/server/booking/cancel';
import * as queries from '$lib/server/booking/queries';
import * as waitlist from '$lib/server/booking/waitlist';
import { refusal } from '$lib/server/booking/responses';
import { bookingRequest } from '$lib/server/booking/schemas';
import { echo, formInput, parse } from '$lib/server/validation';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

/** Step 2 of 3: confirm the chosen time and who it is for (oneself or a linked elder). */
export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const slotId = parseId(event.url.searchParams.get('slot'));
	const offer = slotId ? availability.slotOffer(slotId) : null;
	if (!offer || offer.servicePointId !== parseId(event.params.id)) error(404, m.book_not_found());
	const replacesId = parseId(event.url.searchParams.get('replaces'));
	const replaces = replacesId ? queries.getForViewer(replacesId, user.id) : null;
	return {
		offer,
		people: queries.peopleOf(user.id),
		replaces: replaces?.status === 'booked' ? replaces : null
	};
};

function refuse(result: Parameters<typeof refusal>[0], values: Record<string, string | string[]>) {
	const r = refusal(result);
	return fail(r.status, { message: r.message, waitlistOpen: r.waitlistOpen ?? false, values });
}

export const actions: Actions = {
	book: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(bookingRequest, input);
		if (!parsed.ok)
			return fail(400, { message: m.book_invalid(), errors: parsed.errors, values: echo(input) });
		const replacesId = parseId(typeof input.replaces === 'string' ? input.replaces : null);
		const result = replacesId
			? changes.rebook({ bookingId: replacesId, slotId: parsed.data.slotId, byUserId: user.id })
			: bookings.book({ ...parsed.data, byUserId: user.id });
		if (result.status !== 'ok') return refuse(result, echo(input));
		redirect(303, `/bookings/${result.booking.id}?${replacesId ? 'moved' : 'new'}=1`);
	},
	waitlist: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(bookingRequest, input);
		if (!parsed.ok)
			return fail(400, { message: m.book_invalid(), errors: parsed.errors, values: echo(input) });
		const result = waitlist.join({ ...parsed.data, byUserId: user.id });
		if (result.status !== 'ok') return refuse(result, echo(input));
		redirect(303, `/bookings?waiting=${result.position}#waitlist`);
	}
};
