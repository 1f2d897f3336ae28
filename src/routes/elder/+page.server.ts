import type { PageServerLoad } from './$types';
import * as categories from '$lib/server/directory/categories';
import { remember } from '$lib/server/elder/mode';
import { elderTasks } from '$lib/server/elder/places';

/** 长辈版 home. Opening it turns 长辈版 on and remembers it (cookie; profile when signed in). */
export const load: PageServerLoad = ({ cookies, locals }) => {
	remember(true, locals.user, cookies);
	locals.elderMode = true;
	const byCode = new Map(categories.list().map((c) => [c.code, c]));
	return {
		tasks: elderTasks.flatMap((code) => {
			const category = byCode.get(code);
			return category
				? [
						{
							code,
							icon: category.icon,
							colour: category.colour,
							nameZh: category.nameZh,
							nameEn: category.nameEn
						}
					]
				: [];
		})
	};
};
