import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { changes, queries, slips, refusal, cancelRequest } from '$lib/server/booking';
import { walkingRoute } from '$lib/server/coverage';
import { echo, formInput, parse } from '$lib/server/validation';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';
import { pageFailure } from '$lib/server/refusal';

async function viewable(event: Parameters<PageServerLoad>[0]) {
	const user = requireUser(event);
	const id = parseId(event.params.id);
	const booking = id ? await queries.getForViewer(event.locals.db, id, user.id) : null;
	if (!booking) error(404, m.error_not_found());
	return { user, booking };
}

/** Step 3 of 3 after booking (?new=1), and the booking's page afterwards: slip, calendar, cancel. */
export const load: PageServerLoad = async (event) => {
	const { user, booking } = await viewable(event);
	const slip = await slips.slipFor(event.locals.db, booking, walkingRoute);
	return {
		booking,
		viewerId: user.id,
		// cancelling asks first (?cancel), with an optional reason, as 长辈版 does
		confirmCancel: event.url.searchParams.has('cancel'),
		qrSvg: slip.qrSvg,
		isNew: event.url.searchParams.has('new'),
		moved: event.url.searchParams.has('moved')
	};
};

export const actions: Actions = {
	cancel: async (event) => {
		const { user, booking } = await viewable(event as unknown as Parameters<PageServerLoad>[0]);
		const input = formInput(await event.request.formData());
		const parsed = parse(cancelRequest, input);
		if (!parsed.ok)
			return fail(400, { message: m.book_invalid(), errors: parsed.errors, values: echo(input) });
		const result = await changes.cancel(event.locals.db, {
			bookingId: booking.id,
			byUserId: user.id,
			reason: parsed.data.reason
		});
		if (result.status !== 'ok') {
			const r = refusal(result);
			return pageFailure(r, { phone: r.phone ?? null, values: echo(input) });
		}
		return { cancelled: true };
	}
};
