import type { RequestHandler } from './$types';
import { day, figures } from '$lib/server/staff';
import { m } from '$lib/paraglide/messages';
import { toCsv } from '$lib/server/csv';
import { staffPoint } from '../../../point-access';
import { channelLabel, statusLabel } from '../labels';

/** GET /staff/points/{id}/day.csv?date=: the day's list as CSV (phones masked, as in the list). */
export const GET: RequestHandler = async (event) => {
	const { id } = await staffPoint(event);
	const date = day.dayOrToday(event.url.searchParams.get('date'));
	const slots = new Map((await day.slotsOfDay(event.locals.db, [id], date)).map((s) => [s.id, s]));
	const rows = figures.dayRows(await day.bookingsOfDay(event.locals.db, id, date), slots, {
		channel: channelLabel,
		status: statusLabel
	});
	const header = [
		m.staff_col_time(),
		m.staff_col_code(),
		m.staff_col_name(),
		m.staff_col_phone(),
		m.staff_col_channel(),
		m.staff_col_status()
	];
	return new Response(toCsv(header, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="day-${id}-${date}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
