import type { RequestEvent } from '@sveltejs/kit';
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
