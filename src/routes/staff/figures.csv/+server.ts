import type { RequestHandler } from './$types';
import { toCsv } from '$lib/server/csv';
import { monthTable } from '../figures/month';

/** GET /staff/figures.csv?month=YYYY-MM: the month's figures per service point. */
export const GET: RequestHandler = async (event) => {
	const { month, columns, rows } = await monthTable(event);
	return new Response(toCsv(columns, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="figures-${month}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
