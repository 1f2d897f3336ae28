import type { PageServerLoad } from './$types';
import * as categories from '$lib/server/directory/categories';
import { rememberInBrowser } from '$lib/server/elder/mode';
import { elderTasks } from '$lib/server/elder/places';
import * as notices from '$lib/server/notices';

/**
 * 长辈版 home. Opening it remembers 长辈版 in this browser's cookie only: a GET never changes the
 * profile (the header's switch, a POST to /elder/enter, does).
 */
export const load: PageServerLoad = async ({ cookies, locals, parent }) => {
	rememberInBrowser(true, cookies);
	// the notices of the community whose phone the page shows (the person's, or their home's)
	const { help } = await parent();
	const shown = (await notices.current(locals.db, help?.code ?? null, Date.now(), 3)) ?? [];
	const byCode = new Map((await categories.list(locals.db)).map((c) => [c.code, c]));
	return {
		notices: shown,
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
