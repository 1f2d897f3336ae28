import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import { pageFailure, refuse } from '$lib/server/refusal';
import { formInput, parse } from '$lib/server/validation';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';
import {
	communityOfActivity,
	recordAttendance,
	activityWithSignups,
	attendanceInput,
	activityRefusal
} from '$lib/server/volunteers';

/** One activity of my stations: who signed up, and (once it has started) who came. */
export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const id = parseId(event.params.id);
	const code = id === null ? null : await communityOfActivity(event.locals.db, id);
	if (id === null || !code) error(404, { code: 'not_found', message: m.error_not_found() });
	await requireStaffFor(event, code);
	const found = (await activityWithSignups(event.locals.db, id))!;
	return { ...found, started: found.activity.startsAt <= Date.now() };
};

export const actions: Actions = {
	attendance: async (event) => {
		const user = requireStaff(event);
		const input = formInput(await event.request.formData(), ['attended']);
		const parsed = parse(attendanceInput, { ...input, activity: event.params.id });
		if (!parsed.ok) return pageFailure(refuse('invalid_input', parsed.message));
		const code = await communityOfActivity(event.locals.db, parsed.data.activity);
		if (!code) return pageFailure(refuse('not_found', m.error_not_found()));
		await requireStaffFor(event, code);
		const result = await recordAttendance(event.locals.db, {
			activityId: parsed.data.activity,
			attendedSignupIds: parsed.data.attended,
			byUserId: user.id
		});
		if (result.status !== 'ok') return pageFailure(activityRefusal(result));
		return { done: m.volunteer_activity_attendance_saved() };
	}
};
