import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { queries } from '$lib/server/booking';
import * as ratings from '$lib/server/ratings';
import { ratingInput } from '$lib/server/ratings/schemas';
import { ratingRefusal } from '$lib/server/ratings/responses';
import { parseId } from '$lib/server/params';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { pageFailure } from '$lib/server/refusal';

/** The booking, if it is the viewer's own or their linked elder's (staff and others: 404). */
async function ownBooking(db: App.Locals['db'], userId: number, param: string) {
	const id = parseId(param);
	const people = (await queries.peopleOf(db, userId)).map((p) => p.id);
	const view = id ? await queries.getForViewer(db, id, userId) : null;
	if (!view || view.forUserId === null || !people.includes(view.forUserId))
		error(404, m.error_not_found());
	return view;
}

/** Rate an attended appointment: stars, quick tags, a comment; once, editable for 7 days. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const booking = await ownBooking(event.locals.db, user.id, event.params.id);
	const given = await ratings.forBookings(event.locals.db, [booking.id]);
	const own = given.get(booking.id) ?? null;
	return {
		booking: {
			id: booking.id,
			status: booking.status,
			startsAt: booking.startsAt,
			endsAt: booking.endsAt,
			forName: booking.forName,
			forSelf: booking.forUserId === user.id,
			servicePointName: booking.servicePoint.name
		},
		rating: own
	};
};

export const actions: Actions = {
	/** Also the one-tap faces of 长辈版: a POST with `stars` only. */
	default: async (event) => {
		const user = requireUser(event);
		const booking = await ownBooking(event.locals.db, user.id, event.params.id);
		const input = formInput(await event.request.formData(), ['tags']);
		const parsed = parse(ratingInput, input);
		if (!parsed.ok)
			return fail(400, { message: parsed.message, errors: parsed.errors, values: echo(input) });
		const result = await ratings.rate(event.locals.db, {
			...parsed.data,
			bookingId: booking.id,
			byUserId: user.id
		});
		if (result.status !== 'created' && result.status !== 'updated') {
			const r = ratingRefusal(result);
			return pageFailure(r, { errors: {}, values: echo(input) });
		}
		redirect(303, `/bookings?rated=${booking.id}`);
	}
};
