import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';
import { benchPages } from '$lib/server/config';
import { m } from '$lib/paraglide/messages';

/**
 * The load test's baseline (tests/load/load.ts): the smallest server-rendered page of this app — the
 * same layout, hooks and session handling as every page, one small query (the five streets). Public
 * data only; it changes nothing. Only with BENCH_PAGES=true: a production server answers 404.
 */
export const load: PageServerLoad = async ({ locals }) => {
	if (!benchPages) error(404, m.error_not_found());
	return { streets: await communities.listStreets(locals.db) };
};
