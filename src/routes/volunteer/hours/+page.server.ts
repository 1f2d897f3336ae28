import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { hoursOf, serviceHistory, totalsByYear } from '$lib/server/volunteers';

/** My services and hours (help requests confirmed, activities attended), with a certificate per year. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const services = await serviceHistory(event.locals.db, user.id);
	const minutes = services.reduce((s, r) => s + r.minutes, 0);
	return {
		hours: hoursOf(minutes),
		count: services.length,
		years: totalsByYear(services).map((y) => ({ ...y, hours: hoursOf(y.minutes) })),
		services: services.map((s) => ({ ...s, hours: hoursOf(s.minutes) }))
	};
};
