import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signOut } from '$lib/server/auth/sign-in';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/');
};

export const actions: Actions = {
	// Logging out needs no guard: it only ever ends the session that came with the request.
	default: async (event) => {
		await signOut(event);
		redirect(303, '/');
	}
};
