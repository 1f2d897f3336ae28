import { fail, type RequestEvent } from '@sveltejs/kit';
import { addClosure } from '$lib/server/booking';
import { closureInput } from '$lib/server/staff/schemas';
import { readForm } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { staffPoint } from './point-access';

/** Closing one or more whole days (bookings cancelled with notice), from the day list and from manage. */
export async function closeDaysAction(event: RequestEvent) {
	const { id, user } = await staffPoint(event);
	const input = await readForm(event.request, closureInput, 'closure');
	if (!input.ok) return input.failure;
	const result = await addClosure(event.locals.db, {
		...input.data,
		servicePointId: id,
		byUserId: user.id
	});
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
}
