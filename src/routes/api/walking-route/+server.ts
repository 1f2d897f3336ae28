import type { RequestHandler } from './$types';
import { coverageVersion, walkingRoute } from '$lib/server/coverage';
import { parseRouteQuery } from '$lib/server/coverage/params';
import { cachedJson } from '$lib/server/answer-cache';
import { apiError } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

/** The walking route from a point (home) to a service point, as a GeoJSON LineString feature. */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	const query = parseRouteQuery(url.searchParams);
	if (!query.ok) return apiError(query.code, query.message);
	const { point, servicePointId } = query.value;
	return cachedJson(
		request,
		await coverageVersion(locals.db),
		`walking-route ${point.join(',')} ${servicePointId}`,
		async () => {
			const route = await walkingRoute(locals.db, point, servicePointId);
			if (!route) return apiError('no_route', m.error_no_route());
			return {
				type: 'Feature',
				geometry: { type: 'LineString', coordinates: route.coordinates },
				properties: { servicePointId, distanceM: route.distanceM }
			};
		}
	);
};
