import { m } from '$lib/paraglide/messages';
import { formatTime, formatWhen } from '$lib/time-format';
import type { CheckInResult, EarlyRefusal, MarkResult } from './checkin';
import type { ManageResult } from './points';
import type { SlotCancelResult } from './slots';
import type { Locale } from '$lib/paraglide/runtime';

/** What a refused staff action reads as: an HTTP status and a message in the staff member's language. */
export interface Outcome {
	status: 400 | 403 | 404 | 409 | 422;
	message: string;
}

export function checkInOutcome(
	result: Exclude<CheckInResult, { status: 'ok' }>,
	locale: Locale
): Outcome {
	switch (result.status) {
		case 'invalid_code':
			return { status: 400, message: m.staff_error_code() };
		case 'not_found':
		case 'forbidden':
			return { status: 404, message: m.staff_checkin_unknown() };
		case 'already':
			return {
				status: 409,
				message: m.staff_checkin_already({ time: result.at ? formatWhen(result.at, locale) : '' })
			};
		case 'cancelled':
			return { status: 409, message: m.staff_checkin_cancelled() };
		case 'no_show':
			return { status: 409, message: m.staff_checkin_no_show() };
		case 'wrong_day':
			return {
				status: 409,
				message: m.staff_checkin_wrong_day({ time: formatWhen(result.startsAt, locale) })
			};
		case 'early':
			return earlyOutcome(result, locale);
	}
}

/** "此预约 10:00 开始，现在提前 95 分钟签到，确认签到？" (a 409 the form answers with a confirm button) */
function earlyOutcome(result: EarlyRefusal, locale: Locale): Outcome {
	return {
		status: 409,
		message: m.staff_checkin_early({
			time: formatTime(result.startsAt, locale),
			minutes: result.minutesEarly
		})
	};
}

export function markOutcome(
	result: Exclude<MarkResult, { status: 'ok' }>,
	locale: Locale
): Outcome {
	switch (result.status) {
		case 'not_found':
			return { status: 404, message: m.error_not_found() };
		case 'forbidden':
			return { status: 403, message: m.error_forbidden() };
		case 'not_active':
			return { status: 409, message: m.staff_not_active() };
		case 'too_early':
			return {
				status: 409,
				message: m.staff_no_show_too_early({ time: formatTime(result.endsAt, locale) })
			};
		case 'not_undoable':
			return { status: 409, message: m.staff_undo_refused() };
		case 'early':
			return earlyOutcome(result, locale);
	}
}

export function manageOutcome(result: Exclude<ManageResult, { status: 'ok' }>): Outcome {
	switch (result.status) {
		case 'not_found':
			return { status: 404, message: m.error_not_found() };
		case 'forbidden':
			return { status: 403, message: m.error_forbidden() };
		case 'has_bookings':
			return { status: 409, message: m.staff_deactivate_has_bookings({ count: result.bookings }) };
	}
}

export function slotCancelOutcome(result: Exclude<SlotCancelResult, { status: 'ok' }>): Outcome {
	switch (result.status) {
		case 'not_found':
			return { status: 404, message: m.error_not_found() };
		case 'forbidden':
			return { status: 403, message: m.error_forbidden() };
		case 'not_active':
			return { status: 409, message: m.staff_slot_not_active() };
	}
}
