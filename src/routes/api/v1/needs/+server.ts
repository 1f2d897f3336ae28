import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as communities from '$lib/server/directory/communities';
import * as needs from '$lib/server/needs';
import { apiError, apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/**
 * GET /api/v1/needs?community=CODE: the community's public needs, without names or phones:
 * `{needs: [{id, category, text, status, supporters, answer?, createdAt}]}`. Public, like the page.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const code = url.searchParams.get('community') ?? '';
	if (!communities.isCommunityCode(code))
		return apiError('invalid_input', m.error_unknown_community({ value: code.slice(0, 40) }));
	if (!(await communities.get(locals.db, code)))
		return apiError('not_found', m.error_unknown_community({ value: code }));
	const list = await needs.listPublic(locals.db, code);
	return json({
		needs: list.map((n) => ({
			id: n.id,
			category: n.category,
			text: n.text,
			status: n.status,
			supporters: n.supporters,
			...(n.answer ? { answer: n.answer } : {}),
			...(n.mergedIntoId ? { mergedIntoId: n.mergedIntoId } : {}),
			...(n.projectId ? { projectId: n.projectId } : {}),
			createdAt: new Date(n.createdAt).toISOString()
		}))
	});
};

/** POST /api/v1/needs {category, text, public?, place?, lng?, lat?}: 201 {need: {id, status, communityCode}}, in the person's own community. */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(needs.needInput, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await needs.raise(event.locals.db, {
		...parsed.data,
		userId: user.id,
		channel: 'online'
	});
	if (result.status !== 'ok') return apiFailure(needs.needRefusal(result));
	return json(
		{
			need: {
				id: result.need.id,
				status: result.need.status,
				communityCode: result.need.communityCode
			}
		},
		{ status: 201 }
	);
};
