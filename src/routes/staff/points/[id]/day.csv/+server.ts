import type { RequestHandler } from './$types';
import { toCsv } from '$lib/server/csv';
import { dayTable } from '../day-table';

/** GET /staff/points/{id}/day.csv?date=: the day's list as CSV (phones masked, as in the list). */
export const GET: RequestHandler = async (event) => {
	const { id, date, columns, rows } = await dayTable(event);
	return new Response(toCsv(columns, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="day-${id}-${date}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
