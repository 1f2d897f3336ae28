import type { RequestHandler } from './$types';
import { baseMap } from '$lib/server/directory/base-map';
import { compressibleJson } from '$lib/server/http';

export const GET: RequestHandler = async ({ request, locals }) =>
	compressibleJson(request, await baseMap(locals.db), { 'cache-control': 'public, max-age=300' });
