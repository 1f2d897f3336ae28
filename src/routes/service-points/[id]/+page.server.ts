import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as servicePoints from '$lib/server/directory/service-points';
import * as categories from '$lib/server/directory/categories';
import { parseId } from '$lib/server/params';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ params }) => {
	const id = parseId(params.id);
	const servicePoint = id ? servicePoints.get(id) : null;
	if (!servicePoint) error(404, m.error_not_found());
	return {
		servicePoint,
		freeSlots: servicePoint.category.bookable
			? servicePoints.nextFreeSlots(servicePoint.id, Date.now())
			: [],
		categories: categories.list()
	};
};
