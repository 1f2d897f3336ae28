import type { PageServerLoad } from './$types';
import * as communities from '$lib/server/directory/communities';

/**
 * The load test's baseline (tests/load/load.ts): the smallest server-rendered page of this app — the
 * same layout, hooks and session handling as every page, one small query (the five streets). Public
 * data only; it changes nothing.
 */
export const load: PageServerLoad = ({ locals }) => ({
	streets: communities.listStreets(locals.db)
});
