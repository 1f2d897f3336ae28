import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { walkingRoute } from '$lib/server/coverage';
import { parseRouteQuery } from '$lib/server/coverage/params';
import { jsonError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

/** The walking route from a point (home) to a service point, as a GeoJSON LineString feature. */
export const GET: RequestHandler = ({ url }) => {
	const query = parseRouteQuery(url.searchParams);
	if (!query.ok) return jsonError(400, query.code, query.message);
	const route = walkingRoute(query.value.point, query.value.servicePointId);
	if (!route) return jsonError(404, 'no_route', m.error_no_route());
	return json({
		type: 'Feature',
		geometry: { type: 'LineString', coordinates: route.coordinates },
		properties: { servicePointId: query.value.servicePointId, distanceM: route.distanceM }
	});
};
