import type { RequestHandler } from './$types';
import { communitiesCollection } from '$lib/server/directory/geojson';
import { compressibleJson } from '$lib/server/http';

export const GET: RequestHandler = ({ request }) =>
	compressibleJson(request, communitiesCollection(), { 'content-type': 'application/geo+json' });
