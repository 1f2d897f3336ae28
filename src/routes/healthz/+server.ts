import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { healthReport } from '$lib/server/health';

export const GET: RequestHandler = async ({ locals }) => {
	const report = await healthReport(locals.db);
	return json(report, { status: report.status === 'ok' ? 200 : 503 });
};
