import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { availability, bookings, queries, refusal, bookingRequest } from '$lib/server/booking';
import { formInput, parse } from '$lib/server/validation';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';
import { pageFailure } from '$lib/server/refusal';

async function offerOf(db: App.Locals['db'], slot: string) {
	const slotId = parseId(slot);
	const offer = slotId ? await availability.slotOffer(db, slotId) : null;
	if (!offer) error(404, m.book_not_found());
	return offer;
}

/** Step 3 of 3: confirm, for oneself or (a carer) for a linked elder: one button per person. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return {
		offer: await offerOf(event.locals.db, event.params.slot),
		people: await queries.peopleOf(event.locals.db, user.id),
		selfId: user.id
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const offer = await offerOf(event.locals.db, event.params.slot);
		const input = formInput(await event.request.formData());
		const parsed = parse(bookingRequest, { ...input, slotId: String(offer.id) });
		if (!parsed.ok) return fail(400, { message: m.book_invalid() });
		const result = await bookings.book(event.locals.db, {
			...parsed.data,
			byUserId: user.id
		});
		if (result.status !== 'ok') {
			const r = refusal(result);
			return pageFailure(r);
		}
		redirect(303, `/elder/bookings/${result.booking.id}?new=1`);
	}
};
