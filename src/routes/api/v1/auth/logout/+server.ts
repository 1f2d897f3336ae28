import type { RequestHandler } from './$types';
import { signOut } from '$lib/server/auth/sign-in';

/** POST → 204: ends the session that came with the request (if any). */
export const POST: RequestHandler = async (event) => {
	await signOut(event);
	return new Response(null, { status: 204 });
};
