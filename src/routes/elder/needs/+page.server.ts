import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as needs from '$lib/server/needs';
import { pageFailure, refuse } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

const choiceOf = (key: string | null) => needs.elderChoices.find((c) => c.key === key) ?? null;

/**
 * 长辈版: a need in three taps from the home page — the tile, one ready-made choice, 提交. The
 * choice is in the address (no JavaScript needed); the words sent are the choice's own.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const key = event.url.searchParams.get('choice');
	const choice = choiceOf(key);
	if (key !== null && !choice) error(404, m.needs_error_category());
	return {
		hasCommunity: Boolean(user.communityCode),
		choices: needs.elderChoices.map((c) => ({ key: c.key, text: c.text() })),
		choice: choice ? { key: choice.key, text: choice.text() } : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const data = await event.request.formData();
		const choice = choiceOf(String(data.get('choice') ?? ''));
		if (!choice) return pageFailure(refuse('invalid_input', m.needs_error_category()));
		const result = await needs.raise(event.locals.db, {
			category: choice.category,
			text: choice.text(),
			place: 'home',
			public: true,
			userId: user.id,
			channel: 'elder'
		});
		if (result.status !== 'ok') return pageFailure(needs.needRefusal(result), {}, event);
		return { raised: result.need.id };
	}
};
