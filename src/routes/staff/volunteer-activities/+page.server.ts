import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import { scope } from '$lib/server/staff';
import { pageFailure, refuse } from '$lib/server/refusal';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import {
	cancelActivity,
	communityOfActivity,
	communityOfStation,
	postActivity,
	activitiesForStaff,
	activeStationsOf,
	activityIdInput,
	activityItemChoices,
	activityInput,
	stationIdInput,
	activityRefusal
} from '$lib/server/volunteers';

/** 志愿活动 of the stations of the communities I serve: post, call off, open one for its sign-ups. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const db = event.locals.db;
	const codes = (await scope.communitiesOf(db, user)).map((c) => c.code);
	return {
		stations: await activeStationsOf(db, codes),
		activities: await activitiesForStaff(db, codes),
		items: [...activityItemChoices]
	};
};

export const actions: Actions = {
	post: async (event) => {
		requireStaff(event);
		const input = formInput(await event.request.formData(), ['items']);
		// the station's staff (or an administrator) only: 403 before the rest of the form is read
		const station = parse(stationIdInput, input);
		if (station.ok) {
			const code = await communityOfStation(event.locals.db, station.data.station);
			if (!code) return pageFailure(refuse('not_found', m.error_not_found()), { form: 'post' });
			await requireStaffFor(event, code);
		}
		const parsed = parse(activityInput, input);
		if (!parsed.ok)
			return pageFailure(
				refuse('invalid_input', Object.values(parsed.errors)[0] ?? parsed.message),
				{
					form: 'post',
					errors: parsed.errors,
					values: echo(input)
				}
			);
		const user = requireStaff(event);
		const result = await postActivity(event.locals.db, {
			activity: parsed.data,
			byUserId: user.id
		});
		if (result.status !== 'ok') {
			const refusal = activityRefusal(result);
			return pageFailure(refusal, { form: 'post', errors: refusal.errors, values: echo(input) });
		}
		return { form: 'post', done: m.volunteer_activity_posted() };
	},
	cancel: async (event) => {
		const user = requireStaff(event);
		const parsed = parse(activityIdInput, formInput(await event.request.formData()));
		if (!parsed.ok) return pageFailure(refuse('invalid_input', parsed.message), { form: 'cancel' });
		const code = await communityOfActivity(event.locals.db, parsed.data.activity);
		if (!code) return pageFailure(refuse('not_found', m.error_not_found()), { form: 'cancel' });
		await requireStaffFor(event, code);
		const result = await cancelActivity(event.locals.db, {
			activityId: parsed.data.activity,
			byUserId: user.id
		});
		if (result.status !== 'ok') return pageFailure(activityRefusal(result), { form: 'cancel' });
		return { form: 'cancel', done: m.volunteer_activity_cancelled_done() };
	}
};
