import type { RequestHandler } from './$types';
import { toCsv } from '$lib/server/csv';
import { volunteerHoursTables } from '../volunteer-hours/month';

/**
 * GET /staff/volunteer-hours.csv?month=YYYY-MM[&by=station]: the month's hours per volunteer (or
 * per station), English headers like the other exports; text cells neutralised by toCsv.
 */
export const GET: RequestHandler = async (event) => {
	const { month, volunteers, stations } = await volunteerHoursTables(event);
	const byStation = event.url.searchParams.get('by') === 'station';
	const table = byStation ? stations : volunteers;
	const name = `volunteer-hours-${byStation ? 'stations' : 'volunteers'}-${month}.csv`;
	return new Response(toCsv(table.columns, table.rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
