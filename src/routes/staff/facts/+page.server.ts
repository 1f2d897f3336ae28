import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireStaffFor, requireThat } from '$lib/server/auth/guards';
import { scope } from '$lib/server/staff';
import * as indicators from '$lib/server/indicators';
import { communityCode } from '$lib/server/indicators/schemas';
import { echo, formInput, parse } from '$lib/server/validation';
import { pageFailure, refuse } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

/** The facts of the communities a staff member serves (administrators: all), one form at a time. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const communities = await scope.communitiesOf(event.locals.db, user);
	const requested = event.url.searchParams.get('community');
	// another community's facts are not shown: 403, as for its service points
	if (requested) requireThat(communities.some((c) => c.code === requested));
	const chosen = communities.find((c) => c.code === requested) ?? communities[0] ?? null;
	const stored = await indicators.factsOf(
		event.locals.db,
		communities.map((c) => c.code)
	);
	const now = Date.now();
	return {
		communities: communities.map((c) => {
			const facts = stored.get(c.code) ?? null;
			return {
				...c,
				state: indicators.factsState(facts?.confirmedAt ?? null, now),
				confirmedAt: facts?.confirmedAt.getTime() ?? null
			};
		}),
		chosen: chosen && { ...chosen, facts: pageFacts(stored.get(chosen.code)) }
	};
};

/** What the page shows of stored facts: the confirming person's name, never their id or phone. */
function pageFacts(facts: indicators.StoredFacts | undefined) {
	if (!facts) return null;
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { confirmedByUserId, confirmedAt, ...rest } = facts;
	return { ...rest, confirmedAt: confirmedAt.getTime() };
}

export const actions: Actions = {
	save: async (event) => {
		const user = requireStaff(event);
		const input = formInput(await event.request.formData());
		const code = communityCode.safeParse(input.community);
		if (!code.success)
			return pageFailure(refuse('invalid_input', m.error_form_invalid()), { values: echo(input) });
		await requireStaffFor(event, code.data);
		const parsed = parse(indicators.factsInput, input);
		if (!parsed.ok)
			return pageFailure(refuse('invalid_input', parsed.message), {
				errors: parsed.errors,
				values: echo(input)
			});
		const result = await indicators.saveFacts(event.locals.db, {
			communityCode: code.data,
			facts: parsed.data,
			byUserId: user.id
		});
		if (result.status === 'not_found')
			return pageFailure(refuse('not_found', m.facts_error_not_found()));
		if (result.status === 'inconsistent')
			return pageFailure(refuse('invalid_input', m.error_form_invalid()), { values: echo(input) });
		return { done: result.changed ? m.facts_saved() : m.facts_confirmed() };
	}
};
