import type { Db } from '../db';
import * as communities from '../directory/communities';
import * as residences from '../directory/residences';

/** Communities grouped by street, for a <select> with <optgroup>s. */
export async function communityChoices(db: Db) {
	const all = await communities.list(db);
	return (await communities.listStreets(db)).map((street) => ({
		code: street.code,
		name: street.name,
		communities: all
			.filter((c) => c.streetCode === street.code)
			.map(({ code, name }) => ({ code, name }))
	}));
}

/** The residences of one community (at most a few dozen), for picking a home. */
export async function residenceChoices(db: Db, communityCode: string | null | undefined) {
	if (!communityCode || !communities.isCommunityCode(communityCode)) return [];
	return (await residences.list(db, { community: communityCode })).map(({ id, name }) => ({
		id,
		name
	}));
}
