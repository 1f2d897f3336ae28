import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import * as categories from './categories';
import * as communities from './communities';
import type { Code } from '../refusal';

export type FilterResult<T> = { ok: true; value: T } | { ok: false; code: Code; message: string };

/** Validates ?category= and ?community= the same way for every endpoint that takes them. */
export async function parseDirectoryFilter(
	db: Db,
	params: URLSearchParams,
	accept: { category?: boolean } = { category: true }
): Promise<FilterResult<{ category?: string; community?: string }>> {
	const category = params.get('category') ?? undefined;
	const community = params.get('community') ?? undefined;
	if (accept.category && category !== undefined && !(await categories.exists(db, category))) {
		return {
			ok: false,
			code: 'invalid_input',
			message: m.error_bad_category({ value: category.slice(0, 40) })
		};
	}
	if (community !== undefined) {
		if (!communities.isCommunityCode(community)) {
			return {
				ok: false,
				code: 'invalid_input',
				message: m.error_bad_community({ value: community.slice(0, 40) })
			};
		}
		if (!(await communities.get(db, community))) {
			return {
				ok: false,
				code: 'invalid_input',
				message: m.error_unknown_community({ value: community })
			};
		}
	}
	return { ok: true, value: { category: accept.category ? category : undefined, community } };
}
