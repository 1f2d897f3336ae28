import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { addClosure } from '$lib/server/booking/closures';
import { points } from '$lib/server/staff';
import * as schemas from '$lib/server/staff/schemas';
import { manageOutcome } from '$lib/server/staff/outcomes';
import type { ManageResult } from '$lib/server/staff/points';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { staffPoint } from '../../../point-access';

/** Manage a service point: details, opening rules (capacity, quotas), closures, active or not. */
export const load: PageServerLoad = (event) => {
	const { id } = staffPoint(event);
	const found = points.details(id)!;
	return { point: found.point, rules: found.rules, closures: found.closures };
};

async function read<T>(event: RequestEvent, schema: Parameters<typeof parse<T>>[0], form: string) {
	const input = formInput(await event.request.formData());
	const parsed = parse(schema, input);
	if (parsed.ok) return { ok: true as const, data: parsed.data, input };
	return {
		ok: false as const,
		failure: fail(400, {
			form,
			message: parsed.message,
			errors: parsed.errors,
			values: echo(input)
		})
	};
}

function answer(result: ManageResult, form: string, done: string) {
	if (result.status !== 'ok') {
		const o = manageOutcome(result);
		return fail(o.status, { form, message: o.message });
	}
	return { form, done };
}

export const actions: Actions = {
	details: async (event) => {
		const { id, user } = staffPoint(event);
		const input = await read(event, schemas.detailsInput, 'details');
		if (!input.ok) return input.failure;
		const result = points.updateDetails({ ...input.data, servicePointId: id, byUserId: user.id });
		return answer(result, 'details', m.staff_saved());
	},
	active: async (event) => {
		const { id, user } = staffPoint(event);
		const input = await read(event, schemas.activeInput, 'active');
		if (!input.ok) return input.failure;
		const result = points.setActive({
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
		const { id, user } = staffPoint(event);
		const input = await read(event, schemas.ruleInput, 'rule');
		if (!input.ok) return input.failure;
		const ruleId = schemas.id.safeParse(input.input.ruleId);
		const result = points.saveRule({
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
		const { id, user } = staffPoint(event);
		const input = await read(event, schemas.ruleAction, 'rule');
		if (!input.ok) return input.failure;
		const result = points.deleteRule({ ...input.data, servicePointId: id, byUserId: user.id });
		return answer(result, 'rule', m.staff_rule_deleted());
	},
	addClosure: async (event) => {
		const { id, user } = staffPoint(event);
		const input = await read(event, schemas.closureInput, 'closure');
		if (!input.ok) return input.failure;
		const result = addClosure({ ...input.data, servicePointId: id, byUserId: user.id });
		if (result.status !== 'ok')
			return fail(result.status === 'forbidden' ? 403 : 400, {
				form: 'closure',
				message: m.error_form_invalid()
			});
		return {
			form: 'closure',
			done: m.staff_closure_added({
				bookings: result.cancelledBookings,
				waiting: result.clearedWaitlist
			})
		};
	},
	removeClosure: async (event) => {
		const { id, user } = staffPoint(event);
		const input = await read(event, schemas.closureAction, 'closure');
		if (!input.ok) return input.failure;
		const result = points.removeClosure({ ...input.data, servicePointId: id, byUserId: user.id });
		return answer(result, 'closure', m.staff_closure_removed());
	}
};
