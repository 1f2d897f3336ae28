import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guards';
import { figures, scope } from '$lib/server/staff';
import { monthInput } from '$lib/server/staff/schemas';

/** A month's figures for every service point the viewer manages (administrators: one community). */
export async function monthOf(event: RequestEvent) {
	const user = requireStaff(event);
	const month = monthInput.parse(event.url.searchParams.get('month')) || figures.currentMonth();
	const communities = await scope.communitiesOf(event.locals.db, user);
	const requested = event.url.searchParams.get('community');
	const chosen =
		user.role === 'admin'
			? [communities.find((c) => c.code === requested) ?? communities[0]].filter(Boolean)
			: communities.filter((c) => !requested || c.code === requested);
	const points = await scope.pointsOf(
		event.locals.db,
		chosen.map((c) => c.code)
	);
	const rows = await figures.monthFigures(
		event.locals.db,
		points.map((p) => p.id),
		month
	);
	return {
		month,
		communities,
		community: chosen.length === 1 ? chosen[0].code : null,
		rows: points.map((p, i) => ({ name: p.name, ...rows[i] }))
	};
}

/** The month's figures as a table: headers in the reader's language (the CSV and the .xlsx). */
export async function monthTable(event: RequestEvent) {
	const { month, rows } = await monthOf(event);
	const columns = [
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
	return { month, columns, rows: data };
}
