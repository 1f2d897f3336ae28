import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { changes, refusal } from '$lib/server/booking';
import { apiError, apiFailure } from '$lib/server/refusal';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

/**
 * DELETE /api/v1/bookings/{id}[?reason=]: cancels as the resident (or their carer). Inside the cut-off the
 * answer is 409 `cancel_cutoff` with the service point's phone to call.
 */
export const DELETE: RequestHandler = async (event) => {
	const user = requireUser(event);
	const id = parseId(event.params.id);
	if (!id) return apiError('invalid_input', m.error_bad_id());
	const reason = event.url.searchParams.get('reason')?.slice(0, 200) ?? undefined;
	const result = await changes.cancel(event.locals.db, {
		bookingId: id,
		byUserId: user.id,
		reason
	});
	if (result.status === 'ok') return json({ id, status: 'cancelled' });
	const r = refusal(result);
	// someone else's booking reads as not found: its existence is not revealed
	if (r.status === 403) return apiError('not_found', m.error_not_found());
	return apiFailure(r);
};
