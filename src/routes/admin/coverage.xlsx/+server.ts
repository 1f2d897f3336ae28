import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requirePlanner } from '$lib/server/planning/scope';
import { coverageColumns, coverageRows } from '$lib/server/planning/coverage-export';
import { columnHeaders, toXlsx, xlsxResponse } from '$lib/server/spreadsheet';

/** GET /admin/coverage.xlsx: coverage.csv's rows with headers in the reader's language. */
export const GET: RequestHandler = async (event) => {
	const { scope } = await requirePlanner(event);
	const rows = await coverageRows(event.locals.db, scope);
	return xlsxResponse(
		await toXlsx({ name: m.xlsx_sheet_coverage(), columns: columnHeaders(coverageColumns), rows }),
		'coverage.xlsx'
	);
};
