import type { RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { figures, scope } from '$lib/server/staff';
import { monthInput } from '$lib/server/staff/schemas';
import { hoursOf, hoursPerStation, hoursPerVolunteer } from '$lib/server/volunteers';

/** A month's volunteer hours over the stations of the communities the viewer serves (?month=YYYY-MM). */
export async function volunteerMonthOf(event: RequestEvent) {
	const user = requireStaff(event);
	const db = event.locals.db;
	const month = monthInput.parse(event.url.searchParams.get('month')) || figures.currentMonth();
	const codes = (await scope.communitiesOf(db, user)).map((c) => c.code);
	const volunteers = await hoursPerVolunteer(db, codes, month);
	const stations = await hoursPerStation(db, codes, month);
	return {
		month,
		volunteers: volunteers.map((v) => ({ ...v, hours: hoursOf(v.minutes) })),
		stations: stations.map((s) => ({ ...s, hours: hoursOf(s.minutes) }))
	};
}
