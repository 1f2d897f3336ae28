import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { checkin } from '$lib/server/staff';
import { codeInput } from '$lib/server/staff/schemas';
import { checkInOutcome } from '$lib/server/staff/outcomes';
import { formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { pageFailure } from '$lib/server/refusal';

/** Check-in by booking code (typed or scanned), shared by the console and the day lists. */
export async function checkInAction(event: RequestEvent) {
	const user = requireStaff(event);
	const input = formInput(await event.request.formData());
	const parsed = parse(codeInput, input);
	if (!parsed.ok)
		return fail(400, { checkin: true, message: m.staff_error_code(), code: input.code ?? '' });
	const result = await checkin.checkInByCode(event.locals.db, {
		code: parsed.data.code,
		byUserId: user.id,
		confirmEarly: parsed.data.confirm
	});
	if (result.status !== 'ok') {
		const outcome = checkInOutcome(result, getLocale());
		return pageFailure(outcome, {
			checkin: true,
			code: String(input.code ?? '').slice(0, 20),
			// early: the form asks again, with the code kept for the confirming submit
			confirm: result.status === 'early'
		});
	}
	return { checkin: true, done: m.staff_checkin_done({ name: result.name }) };
}
