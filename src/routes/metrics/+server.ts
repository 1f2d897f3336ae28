import type { RequestHandler } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { exposition, isLocalCaller } from '$lib/server/metrics';

/** GET /metrics: Prometheus text format, for a scraper on this machine or an administrator. */
export const GET: RequestHandler = (event) => {
	if (!isLocalCaller(event.getClientAddress(), event.request.headers)) requireAdmin(event);
	return new Response(exposition(), {
		headers: {
			'content-type': 'text/plain; version=0.0.4; charset=utf-8',
			'cache-control': 'no-store'
		}
	});
};
