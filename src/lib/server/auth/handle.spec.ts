import { describe, expect, it } from 'vitest';
import { bearerTokenOf } from './handle';

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
