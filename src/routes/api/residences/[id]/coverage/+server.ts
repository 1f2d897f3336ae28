import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { residenceCoverage } from '$lib/server/coverage';
import { parseSpeedParam } from '$lib/server/coverage/params';
import { apiError } from '$lib/server/refusal';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const id = parseId(params.id);
	if (id === null) return apiError('invalid_input', m.error_bad_id());
	const speed = parseSpeedParam(url.searchParams);
	if (!speed.ok) return apiError(speed.code, speed.message);
	const coverage = await residenceCoverage(locals.db, id, speed.value);
	if (!coverage) return apiError('not_found', m.error_unknown_residence({ id }));
	return json(coverage);
};
