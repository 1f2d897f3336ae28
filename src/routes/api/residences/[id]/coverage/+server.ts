import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { residenceCoverage } from '$lib/server/coverage';
import { parseSpeedParam } from '$lib/server/coverage/params';
import { jsonError } from '$lib/server/http';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = ({ params, url, locals }) => {
	const id = parseId(params.id);
	if (id === null) return jsonError(400, 'bad_id', m.error_bad_id());
	const speed = parseSpeedParam(url.searchParams);
	if (!speed.ok) return jsonError(400, speed.code, speed.message);
	const coverage = residenceCoverage(locals.db, id, speed.value);
	if (!coverage) return jsonError(404, 'unknown_residence', m.error_unknown_residence({ id }));
	return json(coverage);
};
