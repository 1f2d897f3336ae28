import type { PageServerLoad } from './$types';
import { viewable } from './viewable';

/** The large confirmation after booking (?new=1), and the slip to show at the door afterwards. */
export const load: PageServerLoad = async (event) => {
	const { booking, user } = await viewable(event);
	return { booking, selfId: user.id, isNew: event.url.searchParams.has('new') };
};
