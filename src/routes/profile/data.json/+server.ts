import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { exportMyData } from '$lib/server/my-data';

/**
 * GET /profile/data.json: the signed-in person's own data (下载我的数据). No id is read from the
 * request: whatever is asked, it is the session's person.
 */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const answer = await exportMyData(event.locals.db, user.id);
	if (!answer.ok) {
		if (answer.retryAfterS) event.setHeaders({ 'retry-after': String(answer.retryAfterS) });
		error(answer.status, {
			code: answer.status === 429 ? 'rate_limited' : 'not_found',
			message: answer.message
		});
	}
	return new Response(JSON.stringify(answer.data, null, '\t'), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="my-data.json"',
			'cache-control': 'private, no-store'
		}
	});
};
