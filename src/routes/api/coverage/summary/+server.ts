import type { RequestHandler } from './$types';
import { coverageSummary, dataVersion } from '$lib/server/coverage';
import { cachedJson } from '$lib/server/answer-cache';

export const GET: RequestHandler = ({ request }) =>
	cachedJson(request, dataVersion(), 'coverage-summary', coverageSummary);
