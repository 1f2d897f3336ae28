import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { meJson } from '$lib/server/auth/respond';
import * as family from '$lib/server/accounts/family';

/** GET → the signed-in person and the elders they may act for; 401 without a session. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	return json({ user: meJson(user), elders: await family.eldersOf(event.locals.db, user.id) });
};
