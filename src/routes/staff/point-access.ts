import { error, type RequestEvent } from '@sveltejs/kit';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import { scope } from '$lib/server/staff';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

/**
 * The service point of a /staff/points/[id] route, for staff of its community (or an administrator):
 * the role is checked first (a resident gets 403, not 404), then the point's community.
 */
export async function staffPoint(event: RequestEvent) {
	requireStaff(event);
	const id = parseId(event.params.id);
	const communityCode = id ? await scope.communityOfPoint(event.locals.db, id) : null;
	if (!id || !communityCode) error(404, m.error_not_found());
	const user = await requireStaffFor(event, communityCode);
	return { id, communityCode, user };
}
