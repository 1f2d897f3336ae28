import type { RequestHandler } from './$types';
import { communitiesCollection } from '$lib/server/directory/geojson';
import { compressibleJson } from '$lib/server/http';

export const GET: RequestHandler = ({ request, locals }) =>
	compressibleJson(request, communitiesCollection(locals.db), {
		'content-type': 'application/geo+json'
	});
