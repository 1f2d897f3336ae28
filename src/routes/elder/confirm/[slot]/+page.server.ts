import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as availability from '$lib/server/booking/availability';
import * as bookings from '$lib/server/booking/book';
import * as queries from '$lib/server/booking/queries';
import { refusal } from '$lib/server/booking/responses';
import { bookingRequest } from '$lib/server/booking/schemas';
import { formInput, parse } from '$lib/server/validation';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';
import { pageFailure } from '$lib/server/refusal';

function offerOf(slot: string) {
	const slotId = parseId(slot);
	const offer = slotId ? availability.slotOffer(slotId) : null;
	if (!offer) error(404, m.book_not_found());
	return offer;
}

/** Step 3 of 3: confirm, for oneself or (a carer) for a linked elder: one button per person. */
export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { offer: offerOf(event.params.slot), people: queries.peopleOf(user.id), selfId: user.id };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const offer = offerOf(event.params.slot);
		const input = formInput(await event.request.formData());
		const parsed = parse(bookingRequest, { ...input, slotId: String(offer.id) });
		if (!parsed.ok) return fail(400, { message: m.book_invalid() });
		const result = bookings.book({ ...parsed.data, byUserId: user.id });
		if (result.status !== 'ok') {
			const r = refusal(result);
			return pageFailure(r);
		}
		redirect(303, `/elder/bookings/${result.booking.id}?new=1`);
	}
};
