import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as servicePoints from '$lib/server/directory/service-points';
import * as categories from '$lib/server/directory/categories';
import * as availability from '$lib/server/booking/availability';
import * as ratings from '$lib/server/ratings';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';
import { addDays, isValidLocalDate, localDate } from '$lib/time';

/** Days of slots shown at a time; "later dates" pages on by a week. */
const daysShown = 7;

export const load: PageServerLoad = ({ params, url, locals }) => {
	const id = parseId(params.id);
	const servicePoint = id ? servicePoints.get(id) : null;
	if (!servicePoint) error(404, m.error_not_found());
	const now = Date.now();
	const today = localDate(now);
	const requested = url.searchParams.get('from') ?? '';
	const from = isValidLocalDate(requested) && requested > today ? requested : today;
	const to = addDays(from, daysShown - 1);
	const lastDay = addDays(today, servicePoint.bookingHorizonDays);
	const slots = servicePoint.category.bookable
		? (availability.slotsBetween(servicePoint.id, { from, to, now }) ?? [])
		: [];
	return {
		servicePoint,
		days: availability.slotsByDay(slots),
		earlier:
			from > today ? (addDays(from, -daysShown) < today ? today : addDays(from, -daysShown)) : null,
		later: to < lastDay ? addDays(to, 1) : null,
		signedIn: locals.user !== null,
		replaces: parseId(url.searchParams.get('replaces')),
		categories: categories.list(),
		ratingSummary: ratings.pointSummary(servicePoint.id)
	};
};
