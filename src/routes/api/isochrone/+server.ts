import type { RequestHandler } from './$types';
import { isochrones } from '$lib/server/coverage';
import { parseIsochroneQuery } from '$lib/server/coverage/params';
import { compressibleJson, jsonError } from '$lib/server/http';

export const GET: RequestHandler = ({ request, url }) => {
	const query = parseIsochroneQuery(url.searchParams);
	if (!query.ok) return jsonError(400, query.code, query.message);
	const { point, minutes, speedMps } = query.value;
	return compressibleJson(request, isochrones(point, minutes, speedMps), {
		'content-type': 'application/geo+json'
	});
};
