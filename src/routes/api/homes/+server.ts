import type { RequestHandler } from './$types';
import { requirePlanner, scopeKey } from '$lib/server/planning/scope';
import { chosenCategory, integerParam, oneOf, speedParam } from '$lib/server/planning/params';
import { homesInTile, maxTileZoom, minTileZoom } from '$lib/server/planning/homes-view';
import { dataAndCoverageVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';

/**
 * The planning maps' homes one Web Mercator tile at a time (`z`, `x`, `y`): `which=uncovered` (the
 * default) the homes outside `category`'s tier at `speed`, `which=all` every home with its coverage;
 * one by one when the tile holds few, else counted per cell (homes-view.ts). Planners only, within
 * their scope; an ETag per data version, so a map panned back costs a 304.
 */
export const GET: RequestHandler = async (event) => {
	const { scope } = await requirePlanner(event);
	const { category } = await chosenCategory(event.locals.db, event.url);
	const speed = speedParam(event.url);
	const which = oneOf(event.url, 'which', ['all', 'uncovered'] as const, 'uncovered');
	const z = integerParam(event.url, 'z', minTileZoom, maxTileZoom) ?? minTileZoom;
	const x = integerParam(event.url, 'x', 0, 2 ** z - 1) ?? 0;
	const y = integerParam(event.url, 'y', 0, 2 ** z - 1) ?? 0;
	return cachedJson(
		event.request,
		await dataAndCoverageVersion(event.locals.db),
		`homes ${scopeKey(scope)} ${category} ${speed} ${which} ${z}/${x}/${y}`,
		() => homesInTile(event.locals.db, scope, { category, speed, which, z, x, y }),
		{ keep: false, private: true }
	);
};
