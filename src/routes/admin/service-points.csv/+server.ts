import type { RequestHandler } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { servicePointsCsv } from '$lib/server/planning/service-points-data';

/** Every service point in the import format (edit and import it back: rows keep their id). */
export const GET: RequestHandler = (event) => {
	requireAdmin(event);
	return new Response(servicePointsCsv(event.locals.db), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="service-points.csv"'
		}
	});
};
