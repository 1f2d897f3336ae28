import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import { communitiesServed } from '$lib/server/auth/scopes';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as resources from '$lib/server/resources';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/** 服务资源清单 of one community I serve (?community=CODE; my first one by default). */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const db = event.locals.db;
	const all = await communities.list(db);
	const served =
		user.role === 'admin' ? all.map((c) => c.code) : await communitiesServed(db, user.id);
	const choices = all
		.filter((c) => served.includes(c.code))
		.map(({ code, name }) => ({ code, name }));
	const asked = event.url.searchParams.get('community');
	const selected = asked && communities.isCommunityCode(asked) ? asked : (choices[0]?.code ?? null);
	if (selected) await requireStaffFor(event, selected);
	return {
		choices,
		selected,
		categories: (await categories.list(db)).map(({ code, nameZh, nameEn }) => ({
			code,
			nameZh,
			nameEn
		})),
		resources: selected ? await resources.list(db, selected) : []
	};
};

export const actions: Actions = {
	add: async (event) => {
		requireStaff(event);
		const input = formInput(await event.request.formData());
		// staff of that community (or its street) and administrators only: 403 before anything else
		if (typeof input.community === 'string' && communities.isCommunityCode(input.community))
			await requireStaffFor(event, input.community);
		const parsed = parse(resources.resourceInput, input);
		if (!parsed.ok)
			return fail(400, {
				form: 'add',
				message: Object.values(parsed.errors)[0] ?? parsed.message,
				errors: parsed.errors,
				values: echo(input)
			});
		const user = await requireStaffFor(event, parsed.data.community);
		const result = await resources.add(event.locals.db, {
			resource: parsed.data,
			byUserId: user.id
		});
		if (result.status !== 'ok')
			return fail(400, { form: 'add', message: m.resources_error_category(), values: echo(input) });
		return { form: 'add', done: m.resources_added() };
	},
	remove: async (event) => {
		requireStaff(event);
		const parsed = parse(resources.resourceIdInput, formInput(await event.request.formData()));
		if (!parsed.ok) return fail(400, { form: 'remove', message: parsed.message });
		const code = await resources.communityOf(event.locals.db, parsed.data.resourceId);
		if (!code) return fail(404, { form: 'remove', message: m.error_not_found() });
		const user = await requireStaffFor(event, code);
		const result = await resources.remove(event.locals.db, {
			id: parsed.data.resourceId,
			byUserId: user.id
		});
		if (result.status !== 'ok') return fail(404, { form: 'remove', message: m.error_not_found() });
		return { form: 'remove', done: m.resources_removed() };
	}
};
