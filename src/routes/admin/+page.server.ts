import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import { planTargets } from '$lib/server/planning/targets-view';
import * as targets from '$lib/server/planning/targets';
import { indicatorsPage } from '$lib/server/indicators';
import { atCentreM } from '$lib/server/planning/volunteer-target';

export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		targets: await planTargets(event.locals.db, scope),
		indicators: await indicatorsPage(event.locals.db, scope.communities),
		definitions: {
			servedPercent: Math.round(targets.servedShare * 100),
			surveyMinRatings: targets.surveyMinRatings,
			surveyWindowDays: targets.surveyWindowDays,
			minimumDailyHours: targets.minimumDailyHours,
			atCentreM
		}
	};
};
