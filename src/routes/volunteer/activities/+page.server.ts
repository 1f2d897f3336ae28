import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { pageFailure, refuse } from '$lib/server/refusal';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import {
	approvedVolunteerOf,
	cancelSignUp,
	signUp,
	activitiesForVolunteer,
	activityIdInput,
	activityRefusal
} from '$lib/server/volunteers';

/** My station's coming activities and the ones I signed up to; sign up or give a place back. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = event.locals.db;
	return {
		approved: (await approvedVolunteerOf(db, user.id)) !== null,
		activities: await activitiesForVolunteer(db, user.id)
	};
};

async function act(
	event: Parameters<Actions[string]>[0],
	verb: typeof signUp | typeof cancelSignUp,
	done: () => string
) {
	const user = requireUser(event);
	const parsed = parse(activityIdInput, formInput(await event.request.formData()));
	if (!parsed.ok) return pageFailure(refuse('invalid_input', parsed.message));
	const result = await verb(event.locals.db, {
		activityId: parsed.data.activity,
		byUserId: user.id
	});
	if (result.status !== 'ok') return pageFailure(activityRefusal(result));
	return { done: done() };
}

export const actions: Actions = {
	signup: (event) => act(event, signUp, m.volunteer_activity_signed_up_done),
	cancel: (event) => act(event, cancelSignUp, m.volunteer_activity_sign_up_cancelled)
};
