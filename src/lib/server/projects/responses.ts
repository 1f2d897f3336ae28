import { m } from '$lib/paraglide/messages';
import { refuse, type Refusal } from '../refusal';
import type { CreateResult, UpdateResult } from './projects';

/** Each refused result of the projects verbs as the one refusal pages and the API answer with. */
export function projectRefusal(
	result: Exclude<CreateResult, { status: 'ok' }> | Exclude<UpdateResult, { status: 'ok' }>
): Refusal {
	switch (result.status) {
		case 'no_category':
			return refuse('invalid_input', m.needs_error_category());
		case 'bad_needs':
			return refuse('invalid_input', m.projects_error_needs());
		case 'bad_point':
			return refuse('invalid_input', m.projects_error_point());
		case 'no_place':
			return refuse('invalid_input', m.projects_error_no_place());
		case 'not_found':
			return refuse('not_found', m.projects_error_not_found());
		case 'closed':
			return refuse('not_active', m.projects_error_closed());
	}
}
