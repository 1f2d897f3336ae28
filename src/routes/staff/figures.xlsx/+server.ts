import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { toXlsx, xlsxResponse } from '$lib/server/spreadsheet';
import { monthTable } from '../figures/month';

/** GET /staff/figures.xlsx?month=YYYY-MM: figures.csv as a spreadsheet. */
export const GET: RequestHandler = async (event) => {
	const { month, columns, rows } = await monthTable(event);
	return xlsxResponse(
		await toXlsx({ name: m.xlsx_sheet_figures({ month }), columns, rows }),
		`figures-${month}.xlsx`
	);
};
