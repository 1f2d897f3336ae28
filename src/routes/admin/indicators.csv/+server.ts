import type { RequestHandler } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { indicatorsCsv } from '$lib/server/indicators';

/** GET /admin/indicators.csv: the plan's indicator table (专栏1) for the planner's scope. */
export const GET: RequestHandler = async (event) => {
	const { scope } = await requirePlanner(event);
	return new Response(await indicatorsCsv(event.locals.db, scope.communities), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="indicators.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
