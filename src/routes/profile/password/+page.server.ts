import type { Actions, PageServerLoad } from './$types';
import * as schemas from '$lib/server/auth/schemas';
import * as passwords from '$lib/server/accounts/passwords';
import * as devices from '$lib/server/auth/device';
import { requireUser } from '$lib/server/auth/guards';
import { formFailure } from '$lib/server/auth/respond';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	return { passwordMinLength: schemas.passwordMinLength };
};

export const actions: Actions = {
	/** 修改密码: every other session and remembered device ends; this browser stays signed in. */
	default: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData());
		const parsed = parse(schemas.passwordChange(user.phone), input);
		if (!parsed.ok) return formFailure(event, { status: 400, ...parsed }, input);
		const device = await devices.find(event.locals.db, event.cookies.get(devices.deviceCookieName));
		const changed = await passwords.change(event.locals.db, user, parsed.data, {
			sessionId: event.locals.session?.id ?? null,
			deviceId: device?.userId === user.id ? device.id : null
		});
		if (!changed.ok) return formFailure(event, changed, input);
		return { done: m.accounts_password_changed() };
	}
};
