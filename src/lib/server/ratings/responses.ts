import { m } from '$lib/paraglide/messages';
import type { RateResult, StaffRatingResult } from './ratings';
import { refuse, type Refusal } from '../refusal';

/** How a refused rating reads, for pages and the API alike. */
export function ratingRefusal(result: RateResult | StaffRatingResult): Refusal {
	switch (result.status) {
		case 'created':
		case 'updated':
		case 'ok':
			throw new Error('not a refusal');
		case 'locked':
			return refuse('locked', m.rating_locked());
		case 'not_attended':
			return refuse('not_attended', m.rating_not_attended());
		case 'forbidden':
			return refuse('forbidden', m.error_forbidden());
		case 'not_found':
			return refuse('not_found', m.error_not_found());
	}
}
