import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import * as categories from '$lib/server/directory/categories';
import * as communities from '$lib/server/directory/communities';
import * as needs from '$lib/server/needs';
import * as projects from '$lib/server/projects';
import { parseWholeNumber } from '$lib/server/numbers';
import { pageFailure } from '$lib/server/refusal';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/**
 * The project form, filled in from where it was asked for: a need (转为民生项目), or a planning gap or
 * what-if result (community, category and the point in the address).
 */
export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const q = event.url.searchParams;
	const needId = parseWholeNumber(q.get('need'));
	let prefill: Record<string, string> = {
		community: q.get('community') ?? '',
		category: q.get('category') ?? '',
		lng: q.get('lng') ?? '',
		lat: q.get('lat') ?? '',
		source: ['gap', 'whatif'].includes(q.get('source') ?? '')
			? (q.get('source') as string)
			: 'staff',
		title: '',
		place: ''
	};
	let need: { id: number; text: string } | null = null;
	if (needId !== null) {
		const code = await needs.communityOfNeed(event.locals.db, needId);
		if (!code) error(404, m.needs_error_not_found());
		await requireStaffFor(event, code);
		const found = await needs.findVisible(event.locals.db, needId, { userId: null, staffOf: true });
		if (!found) error(404, m.needs_error_not_found());
		need = { id: found.id, text: found.text };
		prefill = {
			...prefill,
			community: code,
			category: found.category,
			lng: found.lng === null ? '' : String(found.lng),
			lat: found.lat === null ? '' : String(found.lat),
			source: 'needs',
			title: found.text.slice(0, 100)
		};
	}
	if (prefill.community && communities.isCommunityCode(prefill.community))
		await requireStaffFor(event, prefill.community);
	const community = prefill.community
		? await communities.get(event.locals.db, prefill.community)
		: null;
	return {
		prefill,
		need,
		communityName: community?.name ?? null,
		categories: (await categories.list(event.locals.db)).map((c) => ({
			code: c.code,
			nameZh: c.nameZh,
			nameEn: c.nameEn
		}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireStaff(event);
		const input = formInput(await event.request.formData(), ['needs']);
		// the community first: staff of another community learn nothing from the form's errors
		const community = typeof input.community === 'string' ? input.community : '';
		if (communities.isCommunityCode(community)) await requireStaffFor(event, community);
		const parsed = parse(projects.projectInput, input);
		if (!parsed.ok)
			return fail(400, {
				message: Object.values(parsed.errors)[0] ?? parsed.message,
				errors: parsed.errors,
				values: echo(input)
			});
		const user = await requireStaffFor(event, parsed.data.community);
		// the engine's answer first: nothing outside the database inside the write's transaction
		const coverage = await projects.expectedCoverage(event.locals.db, {
			communityCode: parsed.data.community,
			category: parsed.data.category,
			lng: parsed.data.lng,
			lat: parsed.data.lat
		});
		const result = await projects.create(event.locals.db, {
			...parsed.data,
			byUserId: user.id,
			coverage
		});
		if (result.status !== 'ok')
			return pageFailure(projects.projectRefusal(result), { values: echo(input), errors: {} });
		redirect(303, `/staff/projects/${result.id}`);
	}
};
