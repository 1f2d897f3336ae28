import { m } from '$lib/paraglide/messages';
import { refuse, type Refusal } from '../refusal';
import type { RaiseResult } from './raise';
import type { SupportResult } from './support';
import type { TriageResult } from './triage';

type Refused =
	| Exclude<RaiseResult, { status: 'ok' }>
	| { status: 'no_person' }
	| Exclude<SupportResult, { status: 'ok' }>
	| Exclude<TriageResult, { status: 'ok' }>;

/** Each refused result of the needs verbs as the one refusal pages and the API answer with. */
export function needRefusal(result: Refused): Refusal {
	switch (result.status) {
		case 'no_community':
			return refuse('invalid_input', m.needs_no_community());
		case 'no_category':
			return refuse('invalid_input', m.needs_error_category(), {
				errors: { category: m.needs_error_category() }
			});
		case 'no_person':
			return refuse('invalid_input', m.needs_error_no_person(), {
				errors: { phone: m.needs_error_no_person() }
			});
		case 'rate_limited':
			return refuse(
				'rate_limited',
				m.needs_error_rate_limited({ minutes: Math.max(1, Math.ceil(result.retryAfterS / 60)) }),
				{ retryAfterS: result.retryAfterS }
			);
		case 'not_found':
			return refuse('not_found', m.needs_error_not_found());
		case 'forbidden':
			return refuse('forbidden', m.needs_error_other_community());
		case 'closed':
			return refuse('not_active', m.needs_error_closed());
		case 'bad_merge':
			return refuse('invalid_input', m.needs_error_bad_merge(), {
				errors: { into: m.needs_error_bad_merge() }
			});
	}
}
