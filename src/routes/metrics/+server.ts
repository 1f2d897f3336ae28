import type { RequestHandler } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { exposition, mayReadMetrics } from '$lib/server/metrics';

/**
 * GET /metrics: Prometheus text format (every server process's series, each with its `worker` label),
 * for addresses on METRICS_ALLOW (default loopback) or an administrator.
 */
export const GET: RequestHandler = async (event) => {
	if (!mayReadMetrics(event.getClientAddress(), event.request.headers)) requireAdmin(event);
	return new Response(await exposition(event.locals.db), {
		headers: {
			'content-type': 'text/plain; version=0.0.4; charset=utf-8',
			'cache-control': 'no-store'
		}
	});
};
