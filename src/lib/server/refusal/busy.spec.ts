// @no-database: a DatabaseBusyError made here, answered as a 503; no database is reached.
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { DatabaseBusyError } from '../db';
import { busyAnswers, busyError, busyRetryAfterS } from './busy';

function event() {
	return { locals: {}, route: { id: '/api/v1/bookings' } } as unknown as RequestEvent;
}

const failed = () =>
	new Response(JSON.stringify({ message: 'x' }), {
		status: 500,
		headers: { 'content-type': 'application/json' }
	});

describe('a write the database could not take in time', () => {
	it('is answered 503 with Retry-After and a message that nothing was saved', async () => {
		const request = event();
		const error = busyError(new DatabaseBusyError(new Error('SQLITE_BUSY')), request);
		expect(error?.message).toMatch(/没有保存|nothing was saved/);
		const answer = await busyAnswers({ event: request, resolve: async () => failed() });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('retry-after')).toBe(String(busyRetryAfterS));
		expect(answer.headers.get('content-type')).toBe('application/json');
	});

	it('leaves every other failure a 500, and every other answer as it is', async () => {
		const request = event();
		expect(busyError(new Error('a bug'), request)).toBeUndefined();
		expect((await busyAnswers({ event: request, resolve: async () => failed() })).status).toBe(500);
		const ok = new Response('ok');
		expect(await busyAnswers({ event: event(), resolve: async () => ok })).toBe(ok);
	});
});
