import type { RequestHandler } from './$types';
import { residencesCollection } from '$lib/server/directory/geojson';
import { parseDirectoryFilter } from '$lib/server/directory/filters';
import { dataVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';
import { apiError } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

/**
 * `?bbox=west,south,east,north` (degrees, WGS84): only the residences inside, for a client that
 * needs one area of a big city (the whole city's residences are 14 MB of GeoJSON at ~1M people).
 * Null when absent, false when malformed.
 */
function parseBbox(value: string | null): [number, number, number, number] | null | false {
	if (value === null || value === '') return null;
	const parts = value.split(',');
	// plain decimals only: Number() would read "" as 0 and take " 1", "0x10" or "1e2"
	if (!parts.every((part) => /^-?\d{1,3}(\.\d+)?$/.test(part))) return false;
	const box = parts.map(Number);
	if (
		box.length !== 4 ||
		!box.every(Number.isFinite) ||
		Math.abs(box[0]) > 180 ||
		Math.abs(box[2]) > 180 ||
		Math.abs(box[1]) > 90 ||
		Math.abs(box[3]) > 90 ||
		box[0] > box[2] ||
		box[1] > box[3]
	)
		return false;
	return box as [number, number, number, number];
}

export const GET: RequestHandler = async ({ request, url, locals }) => {
	const filter = await parseDirectoryFilter(locals.db, url.searchParams, { category: false });
	if (!filter.ok) return apiError(filter.code, filter.message);
	const bbox = parseBbox(url.searchParams.get('bbox'));
	if (bbox === false) return apiError('invalid_input', m.error_bad_parameter({ name: 'bbox' }));
	const key = `residences ${filter.value.community ?? ''} ${bbox?.join(',') ?? ''}`;
	// The whole layer and a community's are kept (at most one per community). An answer for a box is
	// not (keep: false): its ETag and 304 stay exact, but no entry is kept, because a client looping
	// over boxes would otherwise add one entry per box and push out the answers worth keeping (the
	// whole city's layer: seconds to build in a big city). Snapping boxes to a grid would not stop
	// that (a city holds hundreds of thousands of grid-aligned boxes, more than the cache's 300
	// entries), and would answer homes outside the box asked for; rebuilt each time, a box costs
	// one query over the residences, paid from the caller's public budget as before.
	return cachedJson(
		request,
		await dataVersion(locals.db),
		key,
		() => residencesCollection(locals.db, { ...filter.value, bbox: bbox ?? undefined }),
		// read page by page: an import committed meanwhile is noticed and the layer built again
		{
			contentType: 'application/geo+json',
			keep: bbox === null,
			versionNow: () => dataVersion(locals.db)
		}
	);
};
