import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requirePlanner } from '$lib/server/planning/scope';
import { planTargets } from '$lib/server/planning/targets-view';
import * as targets from '$lib/server/planning/targets';
import { indicatorsPage } from '$lib/server/indicators';
import { requireAdmin } from '$lib/server/auth/guards';
import * as ledger from '$lib/server/ledger';
import { atCentreM } from '$lib/server/planning/volunteer-target';

export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	return {
		scopeNames: scope.admin ? null : [...new Set(scope.communities.map((c) => c.streetName))],
		targets: await planTargets(event.locals.db, scope),
		indicators: await indicatorsPage(event.locals.db, scope.communities),
		history: await ledger.targetHistory(event.locals.db, scope),
		definitions: {
			servedPercent: Math.round(targets.servedShare * 100),
			surveyMinRatings: targets.surveyMinRatings,
			surveyWindowDays: targets.surveyWindowDays,
			minimumDailyHours: targets.minimumDailyHours,
			atCentreM
		}
	};
};

export const actions: Actions = {
	/** An administrator records the ledger now (beside the monthly snapshot); audited. */
	snapshot: async (event) => {
		const user = requireAdmin(event);
		const result = await ledger.takeSnapshot(event.locals.db, {
			kind: 'manual',
			byUserId: user.id
		});
		if (result.status !== 'ok') return fail(409, { message: m.ledger_snapshot_failed() });
		return { snapshotTaken: result.snapshotId };
	}
};
