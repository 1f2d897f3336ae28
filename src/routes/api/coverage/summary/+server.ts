import type { RequestHandler } from './$types';
import { coverageSummary, dataVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';

export const GET: RequestHandler = ({ request, locals }) =>
	cachedJson(request, dataVersion(locals.db), 'coverage-summary', () => coverageSummary(locals.db));
