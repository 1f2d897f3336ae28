import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import * as categories from '$lib/server/directory/categories';
import * as servicePoints from '$lib/server/directory/service-points';
import { remembered } from '$lib/server/directory/remembered';
import { communityCoverage, coverageVersion, dataVersion } from '$lib/server/coverage';
import * as ratings from '$lib/server/ratings';
import * as notices from '$lib/server/notices';
import * as resources from '$lib/server/resources';
import * as volunteers from '$lib/server/volunteers';
import { m } from '$lib/paraglide/messages';
import { localDate } from '$lib/time';
import { upcomingOfCommunity } from '$lib/server/volunteers';

export const load: PageServerLoad = async ({ params, locals }) => {
	if (!communities.isCommunityCode(params.code))
		error(404, m.error_unknown_community({ value: params.code }));
	const version = await dataVersion(locals.db);
	// the community and its points change only with the public data; its coverage is the engine's
	// answer, which lags the data while the engine rebuilds: both versions are in the key
	const key = `community|${version}|${await coverageVersion(locals.db)}|${params.code}`;
	const page = await remembered(locals.db, key, () => communityPage(locals.db, params.code));
	if (!page) error(404, m.error_unknown_community({ value: params.code }));
	const now = Date.now();
	// the weekly satisfaction moves with the community's ratings and with the day (its weeks)
	const ratingsVersion = await ratings.communityRatingsVersion(locals.db, params.code);
	const satisfaction = await remembered(
		locals.db,
		`community-trend|${version}|${params.code}|${ratingsVersion}|${localDate(now)}`,
		() => ratings.communityTrend(locals.db, params.code, now)
	);
	// notices change without a data version: read per view (a few rows)
	const shown = (await notices.current(locals.db, params.code, now, 5)) ?? [];
	// volunteer stations change without a data version: read per view (a few rows)
	const stations = (await volunteers.stationsOf(locals.db, params.code)).map(
		({ id, name, place, openingText, contact, items }) => ({
			id,
			name,
			place,
			openingText,
			contact,
			items
		})
	);
	// volunteer activities change without a data version either (sign-ups): a few rows per view
	const activities = await upcomingOfCommunity(locals.db, params.code, now, 5);
	return { ...page, satisfaction, notices: shown, stations, activities };
};

async function communityPage(db: App.Locals['db'], code: string) {
	const community = await communities.get(db, code);
	if (!community) return null;
	const points = await servicePoints.list(db, { community: community.code });
	// resource writes bump the data version this page is cached by
	const openResources = await resources.list(db, community.code);
	const coverage = await communityCoverage(db, community.code);
	const allCategories = await categories.list(db);
	return {
		community,
		coverage,
		resources: openResources.map(({ id, name, kind, owner, openingText, contact }) => ({
			id,
			name,
			kind,
			owner,
			openingText,
			contact
		})),
		categories: allCategories.map((category) => ({
			code: category.code,
			nameZh: category.nameZh,
			nameEn: category.nameEn,
			colour: category.colour,
			icon: category.icon,
			tierMinutes: category.tierMinutes,
			servicePoints: points
				.filter((point) => point.categoryCode === category.code)
				.map(({ id, name, address, phone, openingText, communityName }) => ({
					id,
					name,
					address,
					phone,
					openingText,
					communityName
				}))
		}))
	};
}
