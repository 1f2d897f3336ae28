import type { RequestHandler } from './$types';
import { servicePointsCollection } from '$lib/server/directory/geojson';
import { parseDirectoryFilter } from '$lib/server/directory/filters';
import { compressibleJson, jsonError } from '$lib/server/http';

export const GET: RequestHandler = ({ request, url }) => {
	const filter = parseDirectoryFilter(url.searchParams);
	if (!filter.ok) return jsonError(400, filter.code, filter.message);
	return compressibleJson(request, servicePointsCollection(filter.value), {
		'content-type': 'application/geo+json'
	});
};
