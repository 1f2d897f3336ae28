import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isHealthy } from '$lib/server/health';

export const GET: RequestHandler = ({ locals }) =>
	isHealthy(locals.db) ? json({ status: 'ok' }) : json({ status: 'unavailable' }, { status: 503 });
