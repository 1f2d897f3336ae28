import type { RequestHandler } from './$types';
import { toCsv } from '$lib/server/csv';
import { ledgerExport } from '../ledger/export';

/** GET /admin/ledger.csv?year=&kind=area|target|indicator&key=: a yearly ledger as CSV (formulae neutralised). */
export const GET: RequestHandler = async (event) => {
	const { table, name } = await ledgerExport(event);
	return new Response(toCsv(table.columns, table.rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
