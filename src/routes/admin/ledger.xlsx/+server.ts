import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { columnHeaders, toXlsx, xlsxResponse } from '$lib/server/spreadsheet';
import { ledgerExport } from '../ledger/export';

/** GET /admin/ledger.xlsx?year=&kind=&key=: ledger.csv's rows with headers in the reader's language. */
export const GET: RequestHandler = async (event) => {
	const { table, year, name } = await ledgerExport(event);
	return xlsxResponse(
		await toXlsx({
			name: m.xlsx_sheet_ledger({ year }),
			columns: columnHeaders(table.columns, { kind: m.xlsx_col_ledger_kind() }),
			rows: table.rows
		}),
		`${name}.xlsx`
	);
};
