import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import * as ledger from '$lib/server/ledger';

/** A yearly ledger: one area's targets and indicators, or one target across the areas of the scope. */
export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	const year = ledger.ledgerYear(event.url);
	const found = await ledger.ledgerOf(
		event.locals.db,
		scope,
		event.params.kind,
		event.params.key,
		year
	);
	const query = new URLSearchParams({
		year: String(year),
		kind: event.params.kind,
		key: event.params.key
	});
	const csv = `/admin/ledger.csv?${query}`;
	const xlsx = `/admin/ledger.xlsx?${query}`;
	if (found.type === 'area') {
		const l = found.ledger;
		return {
			type: 'area' as const,
			year,
			csv,
			xlsx,
			area: { level: l.area.level, code: l.area.code, name: l.area.name },
			snapshots: l.snapshots,
			lines: l.lines.map((line) => ({
				...line,
				latest: line.latest && { value: line.latest.value, met: line.latest.met },
				projects: line.projects.map((p) => ({ id: p.id, title: p.title, status: p.status }))
			}))
		};
	}
	const l = found.ledger;
	return {
		type: 'target' as const,
		year,
		csv,
		xlsx,
		kind: l.kind,
		key: l.key,
		unit: l.unit,
		snapshot: l.snapshot,
		categories: l.categories,
		rows: l.rows.map((r) => ({
			...r,
			area: { level: r.area.level, code: r.area.code, name: r.area.name },
			projects: r.projects.map((p) => ({ id: p.id, title: p.title, status: p.status }))
		}))
	};
};
