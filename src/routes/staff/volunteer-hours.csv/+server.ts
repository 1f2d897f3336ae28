import type { RequestHandler } from './$types';
import { toCsv } from '$lib/server/csv';
import { volunteerMonthOf } from '../volunteer-hours/month';

/**
 * GET /staff/volunteer-hours.csv?month=YYYY-MM[&by=station]: the month's hours per volunteer (or
 * per station), English headers like the other exports; text cells neutralised by toCsv.
 */
export const GET: RequestHandler = async (event) => {
	const { month, volunteers, stations } = await volunteerMonthOf(event);
	const byStation = event.url.searchParams.get('by') === 'station';
	const csv = byStation
		? toCsv(
				['month', 'community', 'station', 'volunteers', 'services', 'minutes', 'hours'],
				stations.map((s) => [
					month,
					s.communityName,
					s.stationName,
					s.volunteers,
					s.services,
					s.minutes,
					s.hours
				])
			)
		: toCsv(
				['month', 'community', 'station', 'volunteer', 'phone', 'services', 'minutes', 'hours'],
				volunteers.map((v) => [
					month,
					v.communityName,
					v.stationName,
					v.name,
					v.phoneMasked,
					v.services,
					v.minutes,
					v.hours
				])
			);
	const name = `volunteer-hours-${byStation ? 'stations' : 'volunteers'}-${month}.csv`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
