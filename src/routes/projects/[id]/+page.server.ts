import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as projects from '$lib/server/projects';
import { engineStatus } from '$lib/server/coverage';
import * as communities from '$lib/server/directory/communities';
import { parseWholeNumber } from '$lib/server/numbers';
import { m } from '$lib/paraglide/messages';

/** A project: status, notes, the needs it answers and, with a point on the map, coverage before → after. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const id = parseWholeNumber(params.id);
	if (id === null) error(404, m.projects_error_not_found());
	const project = await projects.get(locals.db, id);
	if (!project) error(404, m.projects_error_not_found());
	const community = await communities.get(locals.db, project.communityCode);
	// kept coverage, or (the engine being ready) worked out once now and kept
	const coverage = engineStatus(locals.db).ready
		? await projects.projectCoverage(locals.db, project)
		: project.coverage;
	const { createdByUserId: _by, ...shown } = project;
	return {
		project: { ...shown, coverage },
		communityName: community?.name ?? project.communityCode
	};
};
