import { m } from '$lib/paraglide/messages';

/** The words for a project's status and source, shared by the public and the staff pages. */
export const projectStatusLabel: Record<string, () => string> = {
	planned: m.projects_status_planned,
	in_progress: m.projects_status_in_progress,
	completed: m.projects_status_completed,
	terminated: m.projects_status_terminated
};

export const projectSourceLabel: Record<string, () => string> = {
	needs: m.projects_source_needs,
	gap: m.projects_source_gap,
	whatif: m.projects_source_whatif,
	staff: m.projects_source_staff
};
