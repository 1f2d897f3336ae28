import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as projects from '$lib/server/projects';
import { apiError } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

/** GET /api/v1/projects?community=CODE: `{projects: [{id, title, category, status, place, responsibleUnit, plannedStart, plannedEnd, servicePointId?}]}`. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const code = url.searchParams.get('community') ?? '';
	if (!communities.isCommunityCode(code))
		return apiError('invalid_input', m.error_unknown_community({ value: code.slice(0, 40) }));
	if (!(await communities.get(locals.db, code)))
		return apiError('not_found', m.error_unknown_community({ value: code }));
	const list = await projects.listForCommunity(locals.db, code);
	return json({
		projects: list.map((p) => ({
			id: p.id,
			title: p.title,
			category: p.categoryCode ?? 'other',
			status: p.status,
			place: p.place,
			responsibleUnit: p.responsibleUnit,
			plannedStart: p.plannedStart,
			plannedEnd: p.plannedEnd,
			...(p.servicePointId ? { servicePointId: p.servicePointId } : {})
		}))
	});
};
