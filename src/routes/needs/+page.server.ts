import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as needs from '$lib/server/needs';
import { pageFailure } from '$lib/server/refusal';
import { parse, readForm, formInput } from '$lib/server/validation';
import { recordId } from '$lib/server/numbers';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

const supportInput = z.object({ needId: recordId(() => m.error_bad_id()) });

/** The community's public list of needs (anyone), the form to raise one and my own (signed in). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user;
	const code = url.searchParams.get('community') ?? user?.communityCode ?? null;
	if (code !== null && !communities.isCommunityCode(code))
		error(404, m.error_unknown_community({ value: code }));
	const community = code ? await communities.get(locals.db, code) : null;
	if (code && !community) error(404, m.error_unknown_community({ value: code }));
	const own = user ? await needs.listOwn(locals.db, user.id) : [];
	const supported = user ? await needs.supportedBy(locals.db, user.id) : new Set<number>();
	const list = community ? await needs.listPublic(locals.db, community.code) : [];
	return {
		community: community ? { code: community.code, name: community.name } : null,
		// a person's own need offers no "我也需要" (it would change nothing)
		needs: list.map((n) => ({
			...n,
			supported: supported.has(n.id),
			own: own.some((o) => o.id === n.id)
		})),
		own,
		signedIn: Boolean(user),
		canRaise: Boolean(user?.communityCode),
		mine: Boolean(user?.communityCode && community && user.communityCode === community.code),
		categories: (await categories.list(locals.db)).map((c) => ({
			code: c.code,
			nameZh: c.nameZh,
			nameEn: c.nameEn
		}))
	};
};

export const actions: Actions = {
	raise: async (event) => {
		const user = requireUser(event);
		const form = await readForm(event.request, needs.needInput, 'raise');
		if (!form.ok) return form.failure;
		const result = await needs.raise(event.locals.db, {
			...form.data,
			userId: user.id,
			channel: 'online'
		});
		if (result.status !== 'ok')
			return pageFailure(
				needs.needRefusal(result),
				{ form: 'raise', values: form.input, errors: {} },
				event
			);
		return { form: 'raise', raised: result.need.id };
	},
	support: async (event) => {
		const user = requireUser(event);
		const parsed = parse(supportInput, formInput(await event.request.formData()));
		if (!parsed.ok) return fail(400, { form: 'support', message: parsed.message });
		const result = await needs.support(event.locals.db, {
			needId: parsed.data.needId,
			userId: user.id
		});
		if (result.status !== 'ok')
			return pageFailure(
				needs.needRefusal(result),
				{ form: 'support', needId: parsed.data.needId },
				event
			);
		return { form: 'support', needId: parsed.data.needId, supporters: result.supporters };
	}
};
