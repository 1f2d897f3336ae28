import type { Actions, PageServerLoad } from './$types';
import { openingHours, points } from '$lib/server/staff';
import * as schemas from '$lib/server/staff/schemas';
import { manageOutcome } from '$lib/server/staff/outcomes';
import type { ManageResult } from '$lib/server/staff/points';
import { readForm } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { closeDaysAction } from '../../../close-days-action';
import { staffPoint } from '../../../point-access';
import { pageFailure } from '$lib/server/refusal';

/** Manage a service point: details, opening rules (capacity, quotas), closures, active or not. */
export const load: PageServerLoad = async (event) => {
	const { id } = await staffPoint(event);
	const found = (await points.details(event.locals.db, id))!;
	return { point: found.point, rules: found.rules, closures: found.closures };
};

function answer(result: ManageResult, form: string, done: string) {
	if (result.status !== 'ok') {
		const o = manageOutcome(result);
		return pageFailure(o, { form });
	}
	return { form, done };
}

export const actions: Actions = {
	details: async (event) => {
		const { id, user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.detailsInput, 'details');
		if (!input.ok) return input.failure;
		const result = await points.updateDetails(event.locals.db, {
			...input.data,
			servicePointId: id,
			byUserId: user.id
		});
		return answer(result, 'details', m.staff_saved());
	},
	active: async (event) => {
		const { id, user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.activeInput, 'active');
		if (!input.ok) return input.failure;
		const result = await points.setActive(event.locals.db, {
			servicePointId: id,
			active: input.data.active,
			byUserId: user.id
		});
		return answer(
			result,
			'active',
			input.data.active ? m.staff_activated() : m.staff_deactivated()
		);
	},
	saveRule: async (event) => {
		const { id, user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.ruleInput, 'rule');
		if (!input.ok) return input.failure;
		const ruleId = schemas.id.safeParse(input.input.ruleId);
		const result = await openingHours.saveRule(event.locals.db, {
			...input.data,
			ruleId: ruleId.success ? ruleId.data : undefined,
			servicePointId: id,
			byUserId: user.id
		});
		return answer(
			result,
			'rule',
			result.status === 'ok' ? m.staff_rule_saved({ created: result.slotsCreated ?? 0 }) : ''
		);
	},
	deleteRule: async (event) => {
		const { id, user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.ruleAction, 'rule');
		if (!input.ok) return input.failure;
		const result = await openingHours.deleteRule(event.locals.db, {
			...input.data,
			servicePointId: id,
			byUserId: user.id
		});
		return answer(result, 'rule', m.staff_rule_deleted());
	},
	addClosure: closeDaysAction,
	removeClosure: async (event) => {
		const { id, user } = await staffPoint(event);
		const input = await readForm(event.request, schemas.closureAction, 'closure');
		if (!input.ok) return input.failure;
		const result = await openingHours.removeClosure(event.locals.db, {
			...input.data,
			servicePointId: id,
			byUserId: user.id
		});
		return answer(result, 'closure', m.staff_closure_removed());
	}
};
