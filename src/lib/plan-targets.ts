import { m } from '$lib/paraglide/messages';

/** The plan's targets on the planning view; their definitions live in `$lib/server/planning/targets`. */
export type TargetKey =
	| 'meal'
	| 'legal_urban'
	| 'legal_rural'
	| 'childcare'
	| 'fitness'
	| 'survey'
	| 'hours'
	| 'volunteer_station';

/** Each target's name in the reader's language: the table on /admin and the what-if sentences. */
export const targetNames: Record<TargetKey, () => string> = {
	meal: m.plan_target_meal,
	legal_urban: m.plan_target_legal_urban,
	legal_rural: m.plan_target_legal_rural,
	childcare: m.plan_target_childcare,
	fitness: m.plan_target_fitness,
	survey: m.plan_target_survey,
	hours: m.plan_target_hours,
	volunteer_station: m.volunteer_target_station
};
