import type { RequestHandler } from './$types';
import { coverageSummary, coverageVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';

export const GET: RequestHandler = async ({ request, locals }) =>
	cachedJson(request, await coverageVersion(locals.db), 'coverage-summary', () =>
		coverageSummary(locals.db)
	);
