import type { PageServerLoad } from './$types';
import * as servicePoints from '$lib/server/directory/service-points';
import { day } from '$lib/server/staff';
import { staffPoint } from '../../../point-access';

/** A day's list to print for the door: times, codes, names, masked phones, a box to tick. */
export const load: PageServerLoad = async (event) => {
	const { id } = await staffPoint(event);
	const date = day.dayOrToday(event.url.searchParams.get('date'));
	const point = (await servicePoints.get(event.locals.db, id))!;
	return {
		point: { id, name: point.name, address: point.address },
		date,
		slots: await day.slotsOfDay(event.locals.db, [id], date),
		bookings: (await day.bookingsOfDay(event.locals.db, id, date)).filter(
			(b) => b.status !== 'cancelled'
		)
	};
};
