import type { Actions, PageServerLoad } from './$types';
import { changes, refusal } from '$lib/server/booking';
import { viewable } from '../viewable';
import { pageFailure } from '$lib/server/refusal';

/** Cancelling in two steps: "取消" on my bookings, then "确定取消" here. */
export const load: PageServerLoad = async (event) => ({ booking: (await viewable(event)).booking });

export const actions: Actions = {
	default: async (event) => {
		const { user, booking } = await viewable(event);
		const result = await changes.cancel(event.locals.db, {
			bookingId: booking.id,
			byUserId: user.id
		});
		if (result.status !== 'ok') {
			const r = refusal(result);
			return pageFailure(r, { phone: r.phone ?? null });
		}
		return { cancelled: true };
	}
};
