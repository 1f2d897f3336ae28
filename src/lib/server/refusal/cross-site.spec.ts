import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { refuseCrossSiteForms } from './cross-site';

const ours = 'https://lifecircle.example';

function eventFor(method: string, path: string, headers: Record<string, string>) {
	const url = new URL(path, ours);
	return {
		url,
		request: new Request(url, { method, headers, body: method === 'GET' ? undefined : 'a=1' })
	} as unknown as RequestEvent;
}

async function answer(method: string, path: string, headers: Record<string, string>) {
	let reached = false;
	const response = await refuseCrossSiteForms({
		event: eventFor(method, path, headers),
		resolve: async () => {
			reached = true;
			return new Response('the route ran');
		}
	});
	return { reached, response };
}

describe('a form sent from another site', () => {
	const formTypes = [
		'application/x-www-form-urlencoded',
		'multipart/form-data; boundary=x',
		'text/plain;charset=UTF-8',
		' Text/Plain ',
		'application/x-sveltekit-formdata'
	];

	it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
		'is refused (403) before any route when sent by %s with a form type',
		async (method) => {
			for (const type of formTypes)
				for (const origin of ['https://evil.example', 'null', undefined]) {
					const headers: Record<string, string> = { 'content-type': type };
					if (origin) headers.origin = origin;
					const { reached, response } = await answer(method, '/profile?/save', headers);
					expect(reached, `${method} ${type} from ${origin}`).toBe(false);
					expect(response.status).toBe(403);
					expect(await response.text()).toMatch(/其他网站|another site/);
				}
		}
	);

	it('is refused with the API’s cross_origin answer on the API and to a caller asking for JSON', async () => {
		for (const [path, accept] of [
			['/api/v1/bookings', 'text/html'],
			['/admin/data/uploads', '*/*'],
			['/register', 'application/json']
		]) {
			const { reached, response } = await answer('POST', path, {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://evil.example',
				accept
			});
			expect(reached).toBe(false);
			expect(response.status).toBe(403);
			expect((await response.json()).error.code).toBe('cross_origin');
		}
	});

	it('passes our own forms, reads, and what no form can send', async () => {
		const passing: [string, Record<string, string>][] = [
			['POST', { 'content-type': 'application/x-www-form-urlencoded', origin: ours }],
			['GET', { origin: 'https://evil.example' }],
			['POST', { 'content-type': 'application/json', origin: 'https://evil.example' }],
			['POST', { 'content-type': 'application/octet-stream' }]
		];
		for (const [method, headers] of passing) {
			const { reached } = await answer(method, '/register', headers);
			expect(reached, `${method} ${JSON.stringify(headers)}`).toBe(true);
		}
	});
});
