import { m } from '$lib/paraglide/messages';
import { formatTime, formatWhen } from '$lib/time-format';
import type { CheckInResult, EarlyRefusal, MarkResult } from './checkin';
import type { ManageResult } from './points';
import type { SlotCancelResult } from './slots';
import { refuse, type Refusal } from '../refusal';
import type { Locale } from '$lib/paraglide/runtime';

/** How refused staff actions read: refusals with a message in the staff member's language. */
export function checkInOutcome(
	result: Exclude<CheckInResult, { status: 'ok' }>,
	locale: Locale
): Refusal {
	switch (result.status) {
		case 'invalid_code':
			return refuse('invalid_input', m.staff_error_code());
		case 'not_found':
		case 'forbidden':
			return refuse('not_found', m.staff_checkin_unknown());
		case 'already':
			return refuse(
				'already_checked_in',
				m.staff_checkin_already({ time: result.at ? formatWhen(result.at, locale) : '' })
			);
		case 'cancelled':
			return refuse('cancelled', m.staff_checkin_cancelled());
		case 'no_show':
			return refuse('no_show', m.staff_checkin_no_show());
		case 'wrong_day':
			return refuse(
				'wrong_day',
				m.staff_checkin_wrong_day({ time: formatWhen(result.startsAt, locale) })
			);
		case 'early':
			return earlyOutcome(result, locale);
	}
}

/** An unknown id, or a point outside the staff member's scope: the same two refusals for every action. */
function accessOutcome(status: 'not_found' | 'forbidden'): Refusal {
	return status === 'not_found'
		? refuse('not_found', m.error_not_found())
		: refuse('forbidden', m.error_forbidden());
}

/** "此预约 10:00 开始，现在提前 95 分钟签到，确认签到？" (a 409 the form answers with a confirm button) */
function earlyOutcome(result: EarlyRefusal, locale: Locale): Refusal {
	return refuse(
		'early',
		m.staff_checkin_early({
			time: formatTime(result.startsAt, locale),
			minutes: result.minutesEarly
		})
	);
}

export function markOutcome(
	result: Exclude<MarkResult, { status: 'ok' }>,
	locale: Locale
): Refusal {
	switch (result.status) {
		case 'not_found':
		case 'forbidden':
			return accessOutcome(result.status);
		case 'not_active':
			return refuse('not_active', m.staff_not_active());
		case 'too_early':
			return refuse(
				'too_early',
				m.staff_no_show_too_early({ time: formatTime(result.endsAt, locale) })
			);
		case 'not_undoable':
			return refuse('not_undoable', m.staff_undo_refused());
		case 'early':
			return earlyOutcome(result, locale);
	}
}

export function manageOutcome(result: Exclude<ManageResult, { status: 'ok' }>): Refusal {
	switch (result.status) {
		case 'not_found':
		case 'forbidden':
			return accessOutcome(result.status);
		case 'has_bookings':
			return refuse('has_bookings', m.staff_deactivate_has_bookings({ count: result.bookings }));
	}
}

export function slotCancelOutcome(result: Exclude<SlotCancelResult, { status: 'ok' }>): Refusal {
	switch (result.status) {
		case 'not_found':
		case 'forbidden':
			return accessOutcome(result.status);
		case 'not_active':
			return refuse('not_active', m.staff_slot_not_active());
	}
}
