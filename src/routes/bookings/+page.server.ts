import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { queries, waitlist, refusal, waitlistLeaveRequest } from '$lib/server/booking';
import * as ratings from '$lib/server/ratings';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { pageFailure } from '$lib/server/refusal';

/** My bookings: upcoming, past and waitlists, for me and the elders linked to me. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const waiting = Number(event.url.searchParams.get('waiting')) || null;
	const lists = await queries.listForViewer(event.locals.db, user.id);
	return {
		...lists,
		viewerId: user.id,
		joinedPosition: waiting,
		rated: Number(event.url.searchParams.get('rated')) || null,
		toRate: await toRate(event.locals.db, lists.past)
	};
};

export const actions: Actions = {
	leave: async (event) => {
		const user = requireUser(event);
		const parsed = parse(waitlistLeaveRequest, formInput(await event.request.formData()));
		if (!parsed.ok) return fail(400, { message: m.book_invalid(), errors: parsed.errors });
		const result = await waitlist.leave(event.locals.db, {
			entryId: parsed.data.entryId,
			byUserId: user.id
		});
		if (result.status !== 'ok') {
			const r = refusal(result);
			return pageFailure(r);
		}
		return { left: true };
	}
};

const rateWithinMs = 30 * 24 * 3_600_000;

/** Attended visits of the last 30 days, with the rating given (if any): the satisfaction prompt. */
async function toRate(db: App.Locals['db'], past: queries.BookingView[], now = Date.now()) {
	const attended = past.filter(
		(b) => b.status === 'attended' && b.forUserId !== null && now - b.endsAt < rateWithinMs
	);
	const given = await ratings.forBookings(
		db,
		attended.map((b) => b.id),
		now
	);
	return attended.map((b) => ({
		id: b.id,
		servicePointName: b.servicePoint.name,
		startsAt: b.startsAt,
		forName: b.forName,
		forUserId: b.forUserId,
		rating: given.get(b.id) ?? null
	}));
}
