import { m } from '$lib/paraglide/messages';
import type { RateResult, StaffRatingResult } from './ratings';

/** How a refused rating reads, for pages and the API alike. */
export function ratingRefusal(result: RateResult | StaffRatingResult): {
	status: 403 | 404 | 409;
	code: string;
	message: string;
} {
	switch (result.status) {
		case 'created':
		case 'updated':
		case 'ok':
			throw new Error('not a refusal');
		case 'locked':
			return { status: 409, code: 'locked', message: m.rating_locked() };
		case 'not_attended':
			return { status: 409, code: 'not_attended', message: m.rating_not_attended() };
		case 'forbidden':
			return { status: 403, code: 'forbidden', message: m.error_forbidden() };
		case 'not_found':
			return { status: 404, code: 'not_found', message: m.error_not_found() };
	}
}
