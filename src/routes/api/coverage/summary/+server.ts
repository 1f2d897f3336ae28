import type { RequestHandler } from './$types';
import { coverageSummary } from '$lib/server/coverage';
import { compressibleJson } from '$lib/server/http';

export const GET: RequestHandler = ({ request }) => compressibleJson(request, coverageSummary());
