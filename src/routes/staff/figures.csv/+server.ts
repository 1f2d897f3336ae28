import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { toCsv } from '$lib/server/csv';
import { monthOf } from '../figures/month';

/** GET /staff/figures.csv?month=YYYY-MM: the month's figures per service point. */
export const GET: RequestHandler = async (event) => {
	const { month, rows } = await monthOf(event);
	const header = [
		m.staff_col_point(),
		m.staff_fig_bookings(),
		m.staff_fig_attended(),
		m.staff_fig_no_shows(),
		m.staff_fig_cancellations(),
		m.staff_fig_waitlist_peak()
	];
	const data = rows.map((r) => [
		r.name,
		r.bookings,
		r.attended,
		r.noShows,
		r.cancellations,
		r.waitlistPeak
	]);
	return new Response(toCsv(header, data), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="figures-${month}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
