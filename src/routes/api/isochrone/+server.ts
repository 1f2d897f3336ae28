import type { RequestHandler } from './$types';
import { coverageVersion, isochrones } from '$lib/server/coverage';
import { parseIsochroneQuery } from '$lib/server/coverage/params';
import { cachedJson } from '$lib/server/answer-cache';
import { apiError } from '$lib/server/refusal';

export const GET: RequestHandler = async ({ request, url, locals }) => {
	const query = parseIsochroneQuery(url.searchParams);
	if (!query.ok) return apiError(query.code, query.message);
	const { point, minutes, speedMps } = query.value;
	return cachedJson(
		request,
		await coverageVersion(locals.db),
		`isochrone ${point.join(',')} ${minutes} ${speedMps}`,
		() => isochrones(locals.db, point, minutes, speedMps),
		'application/geo+json'
	);
};
