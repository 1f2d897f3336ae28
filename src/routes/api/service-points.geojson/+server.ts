import type { RequestHandler } from './$types';
import { servicePointsCollection } from '$lib/server/directory/geojson';
import { parseDirectoryFilter } from '$lib/server/directory/filters';
import { dataVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';
import { apiError } from '$lib/server/refusal';

export const GET: RequestHandler = async ({ request, url, locals }) => {
	const filter = await parseDirectoryFilter(locals.db, url.searchParams);
	if (!filter.ok) return apiError(filter.code, filter.message);
	const key = `service-points ${filter.value.category ?? ''} ${filter.value.community ?? ''}`;
	return cachedJson(
		request,
		await dataVersion(locals.db),
		key,
		() => servicePointsCollection(locals.db, filter.value),
		'application/geo+json'
	);
};
