import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireAdmin } from '$lib/server/auth/guards';
import { servicePointColumns } from '$lib/server/planning/data-columns';
import { servicePointRows } from '$lib/server/planning/service-points-data';
import { columnHeaders, toXlsx, xlsxResponse } from '$lib/server/spreadsheet';

/** GET /admin/service-points.xlsx: every service point, headers in the reader's language. */
export const GET: RequestHandler = async (event) => {
	requireAdmin(event);
	const rows = await servicePointRows(event.locals.db);
	return xlsxResponse(
		await toXlsx({
			name: m.xlsx_sheet_service_points(),
			columns: columnHeaders(servicePointColumns),
			rows
		}),
		'service-points.xlsx'
	);
};
