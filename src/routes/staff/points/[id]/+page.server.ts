import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as servicePoints from '$lib/server/directory/service-points';
import { setSlotCapacity, refusal } from '$lib/server/booking';
import { checkin, day, phone, slots, walkIn } from '$lib/server/staff';
import * as schemas from '$lib/server/staff/schemas';
import { markOutcome, slotCancelOutcome } from '$lib/server/staff/outcomes';
import { readForm } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { localDate } from '$lib/time';
import { closeDaysAction } from '../../close-days-action';
import { staffPoint } from '../../point-access';
import { checkInAction } from '../../checkin-action';
import { pageFailure } from '$lib/server/refusal';

/** A service point's day list: its slots, who is coming, and the day's actions. */
export const load: PageServerLoad = async (event) => {
	const { id } = await staffPoint(event);
	const now = Date.now();
	const date = day.dayOrToday(event.url.searchParams.get('date'), now);
	const point = (await servicePoints.get(event.locals.db, id))!;
	return {
		point: { id, name: point.name, active: point.active, communityName: point.communityName },
		date,
		today: localDate(now),
		now,
		slots: await day.slotsOfDay(event.locals.db, [id], date),
		bookings: await day.bookingsOfDay(event.locals.db, id, date)
	};
};

function mark(verb: 'markAttended' | 'markNoShow' | 'undoStatus', done: () => string) {
	return async (event: RequestEvent) => {
		const { user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.attendInput, 'booking');
		if (!input.ok) return input.failure;
		const result = await checkin[verb](event.locals.db, {
			bookingId: input.data.bookingId,
			byUserId: user.id,
			// only a check-in asks again when early; the other verbs ignore it
			confirmEarly: input.data.confirm
		});
		if (result.status !== 'ok') {
			const o = markOutcome(result, getLocale());
			return pageFailure(o, {
				form: 'booking',
				confirmBookingId: result.status === 'early' ? result.bookingId : null
			});
		}
		return { form: 'booking', done: done() };
	};
}

export const actions: Actions = {
	checkin: checkInAction,
	attend: mark('markAttended', () => m.staff_marked_attended()),
	noShow: mark('markNoShow', () => m.staff_marked_no_show()),
	undo: mark('undoStatus', () => m.staff_undone()),
	reveal: async (event) => {
		const { user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.bookingAction, 'booking');
		if (!input.ok) return input.failure;
		const result = await phone.revealPhone(event.locals.db, {
			bookingId: input.data.bookingId,
			byUserId: user.id
		});
		if (result.status !== 'ok')
			return fail(result.status === 'forbidden' ? 403 : 404, {
				form: 'booking',
				message: m.error_not_found()
			});
		return { form: 'reveal', bookingId: input.data.bookingId, phone: result.phone };
	},
	walkIn: async (event) => {
		const { user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.walkInInput, 'walkIn');
		if (!input.ok) return input.failure;
		const result = await walkIn.bookOnBehalf(event.locals.db, { ...input.data, byUserId: user.id });
		if (result.status !== 'ok') {
			const r = refusal(result);
			return pageFailure(r, { form: 'walkIn', errors: {}, values: {} });
		}
		return {
			form: 'walkIn',
			done: result.checkedIn
				? m.staff_walk_in_checked_in({ code: result.code })
				: m.staff_walk_in_booked({ code: result.code })
		};
	},
	capacity: async (event) => {
		const { user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.capacityInput, 'slot');
		if (!input.ok) return input.failure;
		const result = await setSlotCapacity(event.locals.db, { ...input.data, byUserId: user.id });
		if (result.status === 'conflict')
			return fail(409, {
				form: 'slot',
				message: m.staff_capacity_conflict({ booked: result.bookedCount })
			});
		if (result.status !== 'ok')
			return fail(result.status === 'forbidden' ? 403 : result.status === 'invalid' ? 400 : 404, {
				form: 'slot',
				message: result.status === 'invalid' ? m.staff_error_capacity() : m.error_not_found()
			});
		return { form: 'slot', done: m.staff_capacity_saved() };
	},
	cancelSlot: async (event) => {
		const { user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.slotCancelInput, 'slot');
		if (!input.ok) return input.failure;
		const result = await slots.cancelSlot(event.locals.db, { ...input.data, byUserId: user.id });
		if (result.status !== 'ok') {
			const o = slotCancelOutcome(result);
			return pageFailure(o, { form: 'slot' });
		}
		return {
			form: 'slot',
			done: m.staff_slot_cancelled({
				bookings: result.cancelledBookings,
				waiting: result.clearedWaitlist
			})
		};
	},
	closeDay: closeDaysAction
};
