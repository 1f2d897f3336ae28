import { m } from '$lib/paraglide/messages';
import { refuse, type Refusal } from '../refusal';
import type { AskResult } from './ask';
import type { AcceptResult, CancelResult, ConfirmResult } from './answer';
import type { RegisterResult, StatusResult } from './registration';
import type { StationResult } from './stations';

type Refused =
	| Exclude<AskResult, { status: 'ok' }>
	| Exclude<AcceptResult, { status: 'ok' }>
	| Exclude<ConfirmResult, { status: 'ok' }>
	| Exclude<CancelResult, { status: 'ok' }>
	| Exclude<RegisterResult, { status: 'ok' }>
	| Exclude<StatusResult, { status: 'ok' }>
	| Exclude<StationResult, { status: 'ok' }>;

/** Each refused result of the volunteer verbs as the one refusal pages and the API answer with. */
export function volunteerRefusal(result: Refused): Refusal {
	switch (result.status) {
		case 'not_found':
			return refuse('not_found', m.volunteer_error_not_found());
		case 'no_home':
			return refuse('invalid_input', m.volunteer_error_no_home());
		case 'no_station':
			return refuse('invalid_input', m.volunteer_error_no_station(), {
				errors: { stationId: m.volunteer_error_no_station() }
			});
		case 'no_point':
			return refuse('invalid_input', m.volunteer_error_place(), {
				errors: { servicePointId: m.volunteer_error_place() }
			});
		case 'too_soon':
			return refuse('too_late', m.volunteer_error_too_soon(), {
				errors: { startsAt: m.volunteer_error_too_soon() }
			});
		case 'too_far':
			return refuse('beyond_horizon', m.volunteer_error_too_far(), {
				errors: { startsAt: m.volunteer_error_too_far() }
			});
		case 'rate_limited':
			return refuse(
				'rate_limited',
				m.volunteer_error_rate_limited({
					minutes: Math.max(1, Math.ceil(result.retryAfterS / 60))
				}),
				{ retryAfterS: result.retryAfterS }
			);
		case 'taken':
			return refuse('taken', m.volunteer_error_taken());
		case 'busy':
			return refuse('conflict', m.volunteer_error_busy());
		case 'not_active':
			return refuse('not_active', m.volunteer_error_not_active());
		case 'too_early':
			return refuse('not_started', m.volunteer_error_too_early());
		case 'not_allowed':
			return refuse('not_active', m.volunteer_error_not_allowed());
	}
}
