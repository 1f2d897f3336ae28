import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as servicePoints from '$lib/server/directory/service-points';
import { availability } from '$lib/server/booking';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

/** A short list keeps the choice easy: the first few days with room, a handful of times each. */
const daysShown = 3;
const timesPerDay = 8;

/** Step 2 of 3: the free times of one place. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const id = parseId(params.id);
	const point = id ? await servicePoints.get(locals.db, id) : null;
	if (!point || !point.active) error(404, m.error_not_found());
	const free = point.category.bookable
		? ((await availability.slotsBetween(locals.db, point.id, {})) ?? []).filter(
				(slot) => slot.free > 0
			)
		: [];
	return {
		point: { id: point.id, name: point.name, address: point.address, phone: point.phone },
		bookable: point.category.bookable,
		days: availability
			.slotsByDay(free)
			.slice(0, daysShown)
			.map((day) => ({ ...day, slots: day.slots.slice(0, timesPerDay) }))
	};
};
