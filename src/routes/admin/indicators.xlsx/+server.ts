import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requirePlanner } from '$lib/server/planning/scope';
import { indicatorColumns, indicatorRows } from '$lib/server/indicators';
import { columnHeaders, toXlsx, xlsxResponse } from '$lib/server/spreadsheet';

/** GET /admin/indicators.xlsx: indicators.csv's rows with headers in the reader's language. */
export const GET: RequestHandler = async (event) => {
	const { scope } = await requirePlanner(event);
	const rows = await indicatorRows(event.locals.db, scope.communities);
	return xlsxResponse(
		await toXlsx({
			name: m.xlsx_sheet_indicators(),
			columns: columnHeaders(indicatorColumns),
			rows
		}),
		'indicators.xlsx'
	);
};
