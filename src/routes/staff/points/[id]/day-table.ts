import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { day, figures } from '$lib/server/staff';
import { staffPoint } from '../../point-access';
import { channelLabel, statusLabel } from './labels';

/** The day's list of a point as a table (phones masked, as in the list): the CSV and the .xlsx. */
export async function dayTable(event: RequestEvent) {
	const { id } = await staffPoint(event);
	const date = day.dayOrToday(event.url.searchParams.get('date'));
	const slots = new Map((await day.slotsOfDay(event.locals.db, [id], date)).map((s) => [s.id, s]));
	const rows = figures.dayRows(await day.bookingsOfDay(event.locals.db, id, date), slots, {
		channel: channelLabel,
		status: statusLabel
	});
	const columns = [
		m.staff_col_time(),
		m.staff_col_code(),
		m.staff_col_name(),
		m.staff_col_phone(),
		m.staff_col_channel(),
		m.staff_col_status()
	];
	return { id, date, columns, rows };
}
