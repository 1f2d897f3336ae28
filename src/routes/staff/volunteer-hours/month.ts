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

/**
 * The month's hours as tables with machine column names: per volunteer and per station (the CSV
 * writes one of them, English headers; the .xlsx both, one sheet each, headers in the reader's language).
 */
export async function volunteerHoursTables(event: RequestEvent) {
	const { month, volunteers, stations } = await volunteerMonthOf(event);
	return {
		month,
		volunteers: {
			columns: [
				'month',
				'community',
				'station',
				'volunteer',
				'phone',
				'services',
				'minutes',
				'hours'
			],
			rows: volunteers.map((v) => [
				month,
				v.communityName,
				v.stationName,
				v.name,
				v.phoneMasked,
				v.services,
				v.minutes,
				v.hours
			])
		},
		stations: {
			columns: ['month', 'community', 'station', 'volunteers', 'services', 'minutes', 'hours'],
			rows: stations.map((s) => [
				month,
				s.communityName,
				s.stationName,
				s.volunteers,
				s.services,
				s.minutes,
				s.hours
			])
		}
	};
}
