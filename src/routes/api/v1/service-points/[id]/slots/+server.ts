import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { availability, slotRange } from '$lib/server/booking';
import { apiError } from '$lib/server/refusal';
import { parseId } from '$lib/server/params';
import { invalidInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/** GET /api/v1/service-points/{id}/slots?from=YYYY-MM-DD&to=YYYY-MM-DD: places free for online booking. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const id = parseId(params.id);
	if (!id) return apiError('invalid_input', m.error_bad_id());
	const range = parse(slotRange, Object.fromEntries(url.searchParams));
	if (!range.ok) return invalidInput(range);
	const slots = await availability.slotsBetween(locals.db, id, range.data);
	if (!slots) return apiError('not_found', m.error_not_found());
	return json({
		servicePointId: id,
		slots: slots.map((s) => ({
			id: s.id,
			startsAt: new Date(s.startsAt).toISOString(),
			endsAt: new Date(s.endsAt).toISOString(),
			capacity: s.capacity,
			free: s.free
		}))
	});
};
