import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import * as projects from '$lib/server/projects';
import { parseWholeNumber } from '$lib/server/numbers';
import { pageFailure } from '$lib/server/refusal';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

async function projectFor(event: Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0]) {
	requireStaff(event);
	const id = parseWholeNumber(event.params.id);
	if (id === null) error(404, m.projects_error_not_found());
	const project = await projects.get(event.locals.db, id);
	if (!project) error(404, m.projects_error_not_found());
	const user = await requireStaffFor(event, project.communityCode);
	return { user, project };
}

/** Staff move a project of their community on: status, progress notes, the point it added. */
export const load: PageServerLoad = async (event) => {
	const { project } = await projectFor(event);
	const { createdByUserId: _by, ...shown } = project;
	return { project: shown };
};

export const actions: Actions = {
	default: async (event) => {
		const { user, project } = await projectFor(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(projects.projectUpdateInput, input);
		if (!parsed.ok)
			return fail(400, {
				message: Object.values(parsed.errors)[0] ?? parsed.message,
				values: echo(input)
			});
		// the point a completion creates: who it brings within the tier, from the engine before it stands
		const coverage =
			parsed.data.createPoint &&
			parsed.data.status === 'completed' &&
			project.categoryCode !== null &&
			project.lng !== null &&
			project.lat !== null
				? await projects.expectedCoverage(event.locals.db, {
						communityCode: project.communityCode,
						category: project.categoryCode,
						lng: project.lng,
						lat: project.lat
					})
				: null;
		const result = await projects.update(event.locals.db, {
			...parsed.data,
			projectId: project.id,
			byUserId: user.id,
			coverage
		});
		if (result.status !== 'ok')
			return pageFailure(projects.projectRefusal(result), { values: echo(input) });
		return { done: m.projects_saved() };
	}
};
