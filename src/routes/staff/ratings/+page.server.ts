import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guards';
import { communitiesServed } from '$lib/server/auth/scopes';
import * as ratings from '$lib/server/ratings';
import { ratingIdInput, replyInput } from '$lib/server/ratings/schemas';
import { ratingRefusal } from '$lib/server/ratings/responses';
import { phone } from '$lib/server/staff';
import { bookingAction } from '$lib/server/staff/schemas';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { pageFailure } from '$lib/server/refusal';

const filters = ['all', 'low', 'unanswered', 'low_unanswered'] as const;

/** Ratings of my service points: low ones first (回访), answer publicly, mark the call done. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const requested = event.url.searchParams.get('show');
	const filter = filters.find((f) => f === requested) ?? 'all';
	const scope = user.role === 'admin' ? null : await communitiesServed(event.locals.db, user.id);
	return {
		filter,
		ratings: await ratings.forStaff(event.locals.db, scope, filter, Date.now(), 30)
	};
};

export const actions: Actions = {
	reply: async (event) => {
		const user = requireStaff(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(replyInput, input);
		if (!parsed.ok)
			return fail(400, {
				ratingId: Number(input.ratingId) || null,
				message: Object.values(parsed.errors)[0] ?? parsed.message,
				values: echo(input)
			});
		const result = await ratings.reply(event.locals.db, { ...parsed.data, byUserId: user.id });
		if (result.status !== 'ok') {
			const r = ratingRefusal(result);
			return pageFailure(r, { ratingId: parsed.data.ratingId });
		}
		return { ratingId: parsed.data.ratingId, done: m.staff_reply_sent() };
	},
	followUp: async (event) => {
		const user = requireStaff(event);
		const parsed = parse(ratingIdInput, formInput(await event.request.formData()));
		if (!parsed.ok) return fail(400, { ratingId: null, message: parsed.message });
		const result = await ratings.markFollowedUp(event.locals.db, {
			...parsed.data,
			byUserId: user.id
		});
		if (result.status !== 'ok') {
			const r = ratingRefusal(result);
			return pageFailure(r, { ratingId: parsed.data.ratingId });
		}
		return { ratingId: parsed.data.ratingId, done: m.staff_follow_up_done() };
	},
	reveal: async (event) => {
		const user = requireStaff(event);
		const parsed = parse(bookingAction, formInput(await event.request.formData()));
		if (!parsed.ok) return fail(400, { ratingId: null, message: parsed.message });
		const result = await phone.revealPhone(event.locals.db, {
			bookingId: parsed.data.bookingId,
			byUserId: user.id
		});
		if (result.status !== 'ok')
			return fail(result.status === 'forbidden' ? 403 : 404, {
				ratingId: null,
				message: m.error_not_found()
			});
		return { revealed: { bookingId: parsed.data.bookingId, phone: result.phone } };
	}
};
