import type { RequestHandler } from './$types';
import { residencesCollection } from '$lib/server/directory/geojson';
import { parseDirectoryFilter } from '$lib/server/directory/filters';
import { dataVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';
import { apiError } from '$lib/server/refusal';

export const GET: RequestHandler = ({ request, url, locals }) => {
	const filter = parseDirectoryFilter(locals.db, url.searchParams, { category: false });
	if (!filter.ok) return apiError(filter.code, filter.message);
	const key = `residences ${filter.value.community ?? ''}`;
	return cachedJson(
		request,
		dataVersion(locals.db),
		key,
		() => residencesCollection(locals.db, filter.value),
		'application/geo+json'
	);
};
