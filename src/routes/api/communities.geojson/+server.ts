import type { RequestHandler } from './$types';
import { communitiesCollection } from '$lib/server/directory/geojson';
import { compressibleJson } from '$lib/server/http';

export const GET: RequestHandler = async ({ request, locals }) =>
	compressibleJson(request, await communitiesCollection(locals.db), {
		'content-type': 'application/geo+json'
	});
