import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import {
	availability,
	bookings,
	changes,
	queries,
	waitlist,
	refusal,
	bookingRequest
} from '$lib/server/booking';
import { echo, formInput, parse } from '$lib/server/validation';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';
import { pageFailure } from '$lib/server/refusal';

/**
 * Step 2 of 3: who it is for (first, when the person has linked elders), the time, the rules, confirm.
 * `?for=` (a link from the elder's bookings, or the choice on the service point page) picks the
 * person; a carer without one must choose, never silently booking for themself.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const slotId = parseId(event.url.searchParams.get('slot'));
	const offer = slotId ? await availability.slotOffer(event.locals.db, slotId) : null;
	if (!offer || offer.servicePointId !== parseId(event.params.id)) error(404, m.book_not_found());
	const replacesId = parseId(event.url.searchParams.get('replaces'));
	const replaces = replacesId
		? await queries.getForViewer(event.locals.db, replacesId, user.id)
		: null;
	const people = await queries.peopleOf(event.locals.db, user.id);
	const forId = parseId(event.url.searchParams.get('for'));
	const chosen = people.length === 1 ? people[0] : people.find((p) => p.id === forId);
	return {
		offer,
		people,
		chosenId: chosen?.id ?? null,
		// per person, the booking they already hold in this slot: not offered again
		held: Object.fromEntries(
			(
				await Promise.all(
					people.map(async (p) => {
						const held = await queries.heldSlots(event.locals.db, p.id, [offer.id]);
						const bookingId = held.get(offer.id);
						return bookingId ? [[p.id, bookingId] as const] : [];
					})
				)
			).flat()
		) as Record<number, number>,
		replaces: replaces?.status === 'booked' ? replaces : null
	};
};

function refuse(result: Parameters<typeof refusal>[0], values: Record<string, string | string[]>) {
	const r = refusal(result);
	return pageFailure(r, { waitlistOpen: r.waitlistOpen ?? false, values });
}

/** A carer says who it is for: an unanswered question is not "myself". */
async function unansweredFor(
	db: App.Locals['db'],
	userId: number,
	forUserId: number | undefined,
	input: Record<string, string | string[]>
) {
	if (forUserId !== undefined || (await queries.peopleOf(db, userId)).length < 2) return null;
	return fail(400, {
		message: m.book_for_required(),
		errors: { forUserId: true },
		values: echo(input)
	});
}

export const actions: Actions = {
	book: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(bookingRequest, input);
		if (!parsed.ok)
			return fail(400, { message: m.book_invalid(), errors: parsed.errors, values: echo(input) });
		const replacesId = parseId(typeof input.replaces === 'string' ? input.replaces : null);
		const unanswered = replacesId
			? null
			: await unansweredFor(event.locals.db, user.id, parsed.data.forUserId, input);
		if (unanswered) return unanswered;
		const result = replacesId
			? await changes.rebook(event.locals.db, {
					bookingId: replacesId,
					slotId: parsed.data.slotId,
					byUserId: user.id
				})
			: await bookings.book(event.locals.db, { ...parsed.data, byUserId: user.id });
		if (result.status !== 'ok') return refuse(result, echo(input));
		redirect(303, `/bookings/${result.booking.id}?${replacesId ? 'moved' : 'new'}=1`);
	},
	waitlist: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(bookingRequest, input);
		if (!parsed.ok)
			return fail(400, { message: m.book_invalid(), errors: parsed.errors, values: echo(input) });
		const unanswered = await unansweredFor(event.locals.db, user.id, parsed.data.forUserId, input);
		if (unanswered) return unanswered;
		const result = await waitlist.join(event.locals.db, { ...parsed.data, byUserId: user.id });
		if (result.status !== 'ok') return refuse(result, echo(input));
		redirect(303, `/bookings?waiting=${result.position}#waitlist`);
	}
};
