import type { RequestHandler } from './$types';
import { servicePointsCollection } from '$lib/server/directory/geojson';
import { parseDirectoryFilter } from '$lib/server/directory/filters';
import { dataVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';
import { apiError } from '$lib/server/refusal';

export const GET: RequestHandler = ({ request, url }) => {
	const filter = parseDirectoryFilter(url.searchParams);
	if (!filter.ok) return apiError(filter.code, filter.message);
	const key = `service-points ${filter.value.category ?? ''} ${filter.value.community ?? ''}`;
	return cachedJson(
		request,
		dataVersion(),
		key,
		() => servicePointsCollection(filter.value),
		'application/geo+json'
	);
};
