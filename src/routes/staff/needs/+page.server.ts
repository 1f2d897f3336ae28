import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import { communitiesServed } from '$lib/server/auth/scopes';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as needs from '$lib/server/needs';
import { recordId } from '$lib/server/numbers';
import { pageFailure } from '$lib/server/refusal';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

const needIdInput = z.object({ needId: recordId(() => m.error_bad_id()) });

/** The needs of a community the staff member serves: triage them, or type one in for a resident. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const served = user.role === 'admin' ? [] : await communitiesServed(event.locals.db, user.id);
	const code = event.url.searchParams.get('community') ?? served[0] ?? null;
	if (code === null)
		return { community: null, served: [], needs: [], categories: [], filter: 'open' };
	if (!communities.isCommunityCode(code)) error(404, m.error_unknown_community({ value: code }));
	await requireStaffFor(event, code);
	const community = await communities.get(event.locals.db, code);
	if (!community) error(404, m.error_unknown_community({ value: code }));
	const filter = event.url.searchParams.get('show') === 'all' ? 'all' : 'open';
	const names = await Promise.all(
		served.map(async (c) => ({
			code: c,
			name: (await communities.get(event.locals.db, c))?.name ?? c
		}))
	);
	return {
		community: { code: community.code, name: community.name },
		served: names,
		filter,
		needs: await needs.listForStaff(
			event.locals.db,
			community.code,
			filter === 'open' ? ['open', 'accepted'] : undefined
		),
		categories: (await categories.list(event.locals.db)).map((c) => ({
			code: c.code,
			nameZh: c.nameZh,
			nameEn: c.nameEn
		}))
	};
};

export const actions: Actions = {
	triage: async (event) => {
		requireStaff(event);
		const input = formInput(await event.request.formData());
		const id = parse(needIdInput, input);
		if (!id.ok) return fail(400, { form: 'triage', needId: null, message: id.message });
		const code = await needs.communityOfNeed(event.locals.db, id.data.needId);
		if (!code)
			return fail(404, {
				form: 'triage',
				needId: id.data.needId,
				message: m.needs_error_not_found()
			});
		const user = await requireStaffFor(event, code);
		const parsed = parse(needs.triageInput, input);
		if (!parsed.ok)
			return fail(400, {
				form: 'triage',
				needId: id.data.needId,
				message: Object.values(parsed.errors)[0] ?? parsed.message,
				values: echo(input)
			});
		const result = await needs.triage(event.locals.db, {
			...parsed.data,
			needId: id.data.needId,
			byUserId: user.id
		});
		if (result.status !== 'ok')
			return pageFailure(needs.needRefusal(result), { form: 'triage', needId: id.data.needId });
		return { form: 'triage', needId: id.data.needId, done: m.needs_staff_done() };
	},
	desk: async (event) => {
		requireStaff(event);
		const input = formInput(await event.request.formData());
		const who = parse(needs.deskNeedInput, input);
		if (!who.ok)
			return fail(400, {
				form: 'desk',
				message: Object.values(who.errors)[0] ?? who.message,
				errors: who.errors,
				values: echo(input)
			});
		// the community first: staff of another community learn nothing from the form's errors
		const user = await requireStaffFor(event, who.data.community);
		const what = parse(needs.needInput, input);
		if (!what.ok)
			return fail(400, {
				form: 'desk',
				message: Object.values(what.errors)[0] ?? what.message,
				errors: what.errors,
				values: echo(input)
			});
		const result = await needs.raiseForResident(event.locals.db, {
			...what.data,
			staffUserId: user.id,
			communityCode: who.data.community,
			phone: who.data.phone,
			channel: who.data.channel
		});
		if (result.status !== 'ok')
			return pageFailure(needs.needRefusal(result), { form: 'desk', values: echo(input) }, event);
		return { form: 'desk', done: m.needs_staff_desk_done() };
	}
};
