import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { columnHeaders, toXlsx, xlsxResponse } from '$lib/server/spreadsheet';
import { volunteerHoursTables } from '../volunteer-hours/month';

/** GET /staff/volunteer-hours.xlsx?month=YYYY-MM: both tables of the CSV, one sheet each. */
export const GET: RequestHandler = async (event) => {
	const { month, volunteers, stations } = await volunteerHoursTables(event);
	// here `community` holds the community's name, not its code
	const names = { community: m.xlsx_col_community_name() };
	return xlsxResponse(
		await toXlsx([
			{
				name: m.volunteer_staff_hours_by_volunteer(),
				columns: columnHeaders(volunteers.columns, names),
				rows: volunteers.rows
			},
			{
				name: m.volunteer_staff_hours_by_station(),
				columns: columnHeaders(stations.columns, names),
				rows: stations.rows
			}
		]),
		`volunteer-hours-${month}.xlsx`
	);
};
