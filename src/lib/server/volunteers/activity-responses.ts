import { m } from '$lib/paraglide/messages';
import { refuse, type Refusal } from '../refusal';
import type {
	CancelSignUpResult,
	PostResult,
	SignUpResult,
	StaffActivityResult
} from './activities';

type Refused =
	| Exclude<PostResult, { status: 'ok' }>
	| Exclude<SignUpResult, { status: 'ok' }>
	| Exclude<CancelSignUpResult, { status: 'ok' }>
	| Exclude<StaffActivityResult, { status: 'ok' }>;

/** The one mapping of the activity verbs' refusals to the error contract (pages and API alike). */
export function activityRefusal(result: Refused): Refusal {
	switch (result.status) {
		case 'forbidden':
			return refuse('forbidden', m.error_forbidden());
		case 'not_found':
			return refuse('not_found', m.error_not_found());
		case 'past':
			return refuse('invalid_input', m.volunteer_activity_error_past(), {
				errors: { date: m.volunteer_activity_error_past() }
			});
		case 'full':
			return refuse('full', m.volunteer_activity_error_full(), { waitlistOpen: false });
		case 'duplicate':
			return refuse('duplicate', m.volunteer_activity_error_duplicate());
		case 'not_volunteer':
			return refuse('forbidden', m.volunteer_activity_error_not_volunteer());
		case 'started':
			return refuse('not_active', m.volunteer_activity_error_started());
		case 'cancelled':
			return refuse('not_active', m.volunteer_activity_error_cancelled());
		case 'not_yet':
			return refuse('not_active', m.volunteer_activity_error_not_yet());
	}
}
