import { m } from '$lib/paraglide/messages';
import type { BookResult } from './book';
import type { CancelResult, RebookResult } from './cancel';
import type { JoinResult } from './waitlist';
import { refuse, type Refusal } from '../refusal';

type Refused =
	| Exclude<BookResult, { status: 'ok' }>
	| Exclude<CancelResult, { status: 'ok' }>
	| Exclude<RebookResult, { status: 'ok' }>
	| Exclude<JoinResult, { status: 'ok' }>;

/** How a refused booking action reads to people (pages) and machines (the API). */
export function refusal(result: Refused): Refusal {
	switch (result.status) {
		case 'full':
			return refuse(
				'full',
				result.waitlistOpen ? `${m.book_full()} ${m.book_full_waitlist()}` : m.book_full(),
				{ waitlistOpen: result.waitlistOpen }
			);
		case 'duplicate':
			return 'bookingId' in result
				? refuse('duplicate', m.book_duplicate())
				: refuse('already_waiting', m.waitlist_joined({ position: result.position }));
		case 'already_booked':
			return refuse('duplicate', m.waitlist_already_booked());
		case 'available':
			return refuse('available', m.waitlist_available());
		case 'limit':
			return refuse('limit', m.book_limit({ limit: result.limit }));
		case 'too_late':
			if ('phone' in result)
				return refuse(
					'cancel_cutoff',
					m.booking_cancel_too_late({ minutes: result.cancelCutoffMinutes, phone: result.phone }),
					{ phone: result.phone }
				);
			return refuse(
				'too_late',
				m.book_too_late({ minutes: 'minNoticeMinutes' in result ? result.minNoticeMinutes : 0 })
			);
		case 'beyond_horizon':
			return refuse('beyond_horizon', m.book_beyond_horizon({ days: result.horizonDays }));
		case 'not_active':
			return refuse('not_active', m.booking_cancel_not_active());
		case 'closed':
			return refuse('closed', m.book_closed());
		case 'not_found':
			return refuse('not_found', m.book_not_found());
		case 'forbidden':
			return refuse('forbidden', m.book_forbidden());
	}
}
