import type { Handle, RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isDatabaseBusy } from '../db';
import { log } from '../log';

/** Seconds a refused writer is asked to wait before trying again. */
export const busyRetryAfterS = 2;

/**
 * handleError's part: an error that is the database being too busy to take a write in time
 * (db/busy.ts) marks the request, which `busyAnswers` then answers 503; its message says that
 * nothing was saved. Undefined for any other error.
 */
export function busyError(error: unknown, event: RequestEvent): App.Error | undefined {
	if (!isDatabaseBusy(error)) return undefined;
	event.locals.databaseBusy = true;
	log.warn('database busy: refused with 503', { route: event.route.id ?? 'unmatched' });
	return { message: m.error_busy() };
}

/**
 * A request whose write the database could not take in time was refused, not broken: nothing was
 * written, and the same request may pass a moment later. Its 500 becomes a 503 with Retry-After
 * (the API's code `busy`: this runs inside apiErrorShape, which gives the code).
 */
export const busyAnswers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.locals.databaseBusy || response.status !== 500) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', String(busyRetryAfterS));
	return new Response(response.body, { status: 503, headers });
};
