import { describe, expect, it } from 'vitest';
import { json, type RequestEvent } from '@sveltejs/kit';
import { apiErrorShape, bearerTokenOf } from './handle';
import { apiFailure, refuse } from '../refusal';

const request = (authorization?: string) =>
	new Request('http://localhost/', { headers: authorization ? { authorization } : {} });

describe('the bearer token of a request', () => {
	it('is read on /api/v1 only, from the Bearer scheme only', () => {
		const token = 'abcdefghijklmnopqrstuvwxyz234567';
		expect(bearerTokenOf(request(`Bearer ${token}`), '/api/v1/me')).toBe(token);
		expect(bearerTokenOf(request(`bearer  ${token} `), '/api/v1/me')).toBe(token);
		// pages and the public GeoJSON never read it
		expect(bearerTokenOf(request(`Bearer ${token}`), '/profile')).toBeNull();
		expect(bearerTokenOf(request(`Bearer ${token}`), '/api/isochrone')).toBeNull();
		// no header, or a proxy's Basic credentials: not a token at all
		expect(bearerTokenOf(request(), '/api/v1/me')).toBeNull();
		expect(bearerTokenOf(request('Basic dXNlcjpwYXNz'), '/api/v1/me')).toBeNull();
	});

	it('is empty (refused, never anonymous) when the Bearer header is malformed', () => {
		expect(bearerTokenOf(request('Bearer'), '/api/v1/me')).toBe('');
		expect(bearerTokenOf(request('Bearer a b'), '/api/v1/me')).toBe('');
	});
});

function event(pathname: string) {
	return { url: new URL(`http://localhost${pathname}`) } as unknown as RequestEvent;
}

async function shaped(pathname: string, answer: Response) {
	return apiErrorShape({ event: event(pathname), resolve: async () => answer });
}

describe("the API's error contract on every refusal", () => {
	it('passes a refusal already in the contract on as it is, without reading its body', async () => {
		const full = apiFailure(refuse('full', 'You could not book: the slot is full'));
		let copies = 0;
		const clone = full.clone.bind(full);
		full.clone = () => (copies++, clone());
		const answer = await shaped('/api/v1/bookings', full);
		expect(answer).toBe(full);
		expect(copies).toBe(0);
		expect(await answer.json()).toEqual({
			error: { code: 'full', message: 'You could not book: the slot is full' }
		});
	});

	it("reshapes SvelteKit's own refusals into the contract", async () => {
		const answer = await shaped(
			'/api/v1/nothing-here',
			json({ message: 'Not Found' }, { status: 404 })
		);
		expect(answer.status).toBe(404);
		const body = await answer.json();
		expect(body.error.code).toBe('not_found');
		expect(typeof body.error.message).toBe('string');
		expect(body.error.message).not.toBe('Not Found');
	});

	it('keeps a hand-written body that already has the contract', async () => {
		const written = json({ error: { code: 'conflict', message: 'Taken' } }, { status: 409 });
		expect(await shaped('/api/v1/x', written)).toBe(written);
	});

	it('leaves pages and successful answers alone', async () => {
		const page = new Response('<p>not found</p>', { status: 404 });
		expect(await shaped('/map/nothing', page)).toBe(page);
		const ok = json({ ok: true });
		expect(await shaped('/api/v1/me', ok)).toBe(ok);
	});
});
