import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as notices from '$lib/server/notices';
import { isCommunityCode } from '$lib/server/directory/communities';
import { apiError } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

/** GET /api/v1/notices?community=CODE: the notices shown now to that community (its own, its street's, the city's). */
export const GET: RequestHandler = async ({ url, locals }) => {
	const code = url.searchParams.get('community') ?? '';
	if (!isCommunityCode(code))
		return apiError('invalid_input', m.error_unknown_community({ value: code.slice(0, 40) }));
	const shown = await notices.current(locals.db, code);
	if (!shown) return apiError('not_found', m.error_unknown_community({ value: code }));
	return json({
		notices: shown.map((n) => ({
			id: n.id,
			title: n.title,
			body: n.body,
			publishedAt: new Date(n.publishedAt).toISOString(),
			scope: n.scope,
			pinned: n.pinned,
			validUntil: n.validUntil === null ? null : new Date(n.validUntil).toISOString()
		}))
	});
};
