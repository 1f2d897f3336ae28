import type { PageServerLoad } from './$types';
import * as categories from '$lib/server/directory/categories';
import * as communities from '$lib/server/directory/communities';
import * as residences from '$lib/server/directory/residences';
import * as servicePoints from '$lib/server/directory/service-points';
import { remembered } from '$lib/server/directory/remembered';
import { coverageCard, coverageVersion, dataVersion, lifeCircle } from '$lib/server/coverage';
import { lifeCirclePreferences } from './preferences';
import { refuseOverBudget } from '$lib/server/public-budget';
import * as resources from '$lib/server/resources';
import * as volunteers from '$lib/server/volunteers';

export const load: PageServerLoad = async ({ url, cookies, locals }) => {
	refuseOverBudget(locals);
	const version = await dataVersion(locals.db);
	const allCategories = await remembered(locals.db, `map-categories|${version}`, async () =>
		(await categories.list(locals.db)).map((c) => ({
			code: c.code,
			nameZh: c.nameZh,
			nameEn: c.nameEn,
			colour: c.colour,
			icon: c.icon,
			bookable: c.bookable,
			tierMinutes: c.tierMinutes
		}))
	);
	const known = new Set(allCategories.map((c) => c.code));
	// Unknown values in a shared link are ignored rather than refused: the page still works.
	const requested = url.searchParams.getAll('category').filter((code) => known.has(code));
	const communityCode = url.searchParams.get('community');
	const community =
		communityCode && communities.isCommunityCode(communityCode)
			? await remembered(locals.db, `map-community|${version}|${communityCode}`, async () => {
					const found = await communities.get(locals.db, communityCode);
					return found ? { code: found.code, name: found.name, centre: found.centre } : null;
				})
			: null;
	const { home, speedMps } = await lifeCirclePreferences(locals.db, url, cookies, locals.user);
	const query = url.searchParams.get('q')?.trim().slice(0, 40) ?? '';
	const now = Date.now();
	const selected = requested.length > 0 ? requested : [...known];
	return {
		categories: allCategories,
		selected,
		community,
		home,
		speedMps,
		query,
		searchResults: query
			? (await residences.search(locals.db, query)).map(({ id, name, communityName }) => ({
					id,
					name,
					communityName
				}))
			: [],
		// 志愿服务站 as a layer of labelled circles (a few dozen rows, read per view)
		stations: (await volunteers.openStations(locals.db)).map(({ id, name, lng, lat }) => ({
			id,
			name,
			point: [lng, lat] as [number, number]
		})),
		circle: home ? await lifeCircle(locals.db, home.point, speedMps, now) : null,
		card: home
			? // computed by the engine: keyed by the engine's version (older than the data's during a rebuild)
				await remembered(
					locals.db,
					`map-card|${await coverageVersion(locals.db)}|${home.point.join(',')}`,
					() => coverageCard(locals.db, home.point)
				)
			: null,
		// 服务资源 with a location: a layer of their own (resources bump the data version)
		resources: await remembered(locals.db, `map-resources|${version}`, () =>
			resources.located(locals.db)
		),
		// The server renders a list of at most `listLimit` points (without a home); the map fetches
		// all points from the cached GeoJSON endpoint after load.
		...(home
			? { listed: [], listedTotal: 0 }
			: await remembered(
					locals.db,
					`map-list|${version}|${community?.code ?? ''}|${[...selected].sort().join(',')}`,
					() => pointList(locals.db, community?.code, selected)
				))
	};
};

const listLimit = 40;

async function pointList(
	db: App.Locals['db'],
	community: string | undefined,
	categories: string[]
) {
	return {
		listedTotal: await servicePoints.countMatching(db, { community, categories }),
		listed: (await servicePoints.list(db, { community, categories, limit: listLimit })).map(
			({ id, name, categoryCode, communityName, address, phone, openingText }) => ({
				id,
				name,
				categoryCode,
				communityName,
				address,
				phone,
				openingText
			})
		)
	};
}
