import type { RequestHandler } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { servicePointsCsv } from '$lib/server/planning/service-points-data';
import { dataVersion } from '$lib/server/coverage';
import { cachedText } from '$lib/server/answer-cache';

/**
 * Every service point in the import format (edit and import it back: rows keep their id); built
 * once per data version.
 */
export const GET: RequestHandler = async (event) => {
	requireAdmin(event);
	return cachedText(
		event.request,
		await dataVersion(event.locals.db),
		'service-points.csv',
		() => servicePointsCsv(event.locals.db),
		{ contentType: 'text/csv', private: true, filename: 'service-points.csv' }
	);
};
