import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { toXlsx, xlsxResponse } from '$lib/server/spreadsheet';
import { dayTable } from '../day-table';

/** GET /staff/points/{id}/day.xlsx?date=: the day's list as a spreadsheet (phones masked). */
export const GET: RequestHandler = async (event) => {
	const { id, date, columns, rows } = await dayTable(event);
	return xlsxResponse(
		await toXlsx({ name: m.xlsx_sheet_day({ date }), columns, rows }),
		`day-${id}-${date}.xlsx`
	);
};
