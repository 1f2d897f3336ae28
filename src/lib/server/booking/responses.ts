import { m } from '$lib/paraglide/messages';
import type { BookResult } from './book';
import type { CancelResult, RebookResult } from './cancel';
import type { JoinResult } from './waitlist';

/** How a refused booking action reads to people (pages) and machines (the API): one place for both. */
export interface Refusal {
	status: 400 | 403 | 404 | 409 | 422;
	code: string;
	message: string;
	/** only for a full slot: whether the person can join its waitlist */
	waitlistOpen?: boolean;
	/** inside the cancellation cut-off: the number to call */
	phone?: string;
}

type Refused =
	| Exclude<BookResult, { status: 'ok' }>
	| Exclude<CancelResult, { status: 'ok' }>
	| Exclude<RebookResult, { status: 'ok' }>
	| Exclude<JoinResult, { status: 'ok' }>;

export function refusal(result: Refused): Refusal {
	switch (result.status) {
		case 'full':
			return {
				status: 409,
				code: 'full',
				message: result.waitlistOpen ? `${m.book_full()} ${m.book_full_waitlist()}` : m.book_full(),
				waitlistOpen: result.waitlistOpen
			};
		case 'duplicate':
			return 'bookingId' in result
				? { status: 409, code: 'duplicate', message: m.book_duplicate() }
				: {
						status: 409,
						code: 'already_waiting',
						message: m.waitlist_joined({ position: result.position })
					};
		case 'already_booked':
			return { status: 409, code: 'duplicate', message: m.waitlist_already_booked() };
		case 'available':
			return { status: 409, code: 'available', message: m.waitlist_available() };
		case 'limit':
			return { status: 409, code: 'limit', message: m.book_limit({ limit: result.limit }) };
		case 'too_late':
			if ('phone' in result)
				return {
					status: 409,
					code: 'cancel_cutoff',
					message: m.booking_cancel_too_late({
						minutes: result.cancelCutoffMinutes,
						phone: result.phone
					}),
					phone: result.phone
				};
			return {
				status: 422,
				code: 'too_late',
				message: m.book_too_late({
					minutes: 'minNoticeMinutes' in result ? result.minNoticeMinutes : 0
				})
			};
		case 'beyond_horizon':
			return {
				status: 422,
				code: 'beyond_horizon',
				message: m.book_beyond_horizon({ days: result.horizonDays })
			};
		case 'not_active':
			return { status: 409, code: 'not_active', message: m.booking_cancel_not_active() };
		case 'closed':
			return { status: 422, code: 'closed', message: m.book_closed() };
		case 'not_found':
			return { status: 404, code: 'not_found', message: m.book_not_found() };
		case 'forbidden':
			return { status: 403, code: 'forbidden', message: m.book_forbidden() };
	}
}
