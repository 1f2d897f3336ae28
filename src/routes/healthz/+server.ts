import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isHealthy } from '$lib/server/health';

export const GET: RequestHandler = () =>
	isHealthy() ? json({ status: 'ok' }) : json({ status: 'unavailable' }, { status: 503 });
