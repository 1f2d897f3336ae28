import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { exportMyData, myDataSheets } from '$lib/server/my-data';
import { toXlsx, xlsxResponse } from '$lib/server/spreadsheet';

/** GET /profile/data.xlsx: the same as data.json, a tab per section, headers in the reader's language. */
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
	return xlsxResponse(await toXlsx(myDataSheets(answer.data)), 'my-data.xlsx');
};
