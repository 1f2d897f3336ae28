import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, compressResponses, shouldCompress } from './compression';

const page = '<!doctype html><html><body>' + '社区生活圈'.repeat(500) + '</body></html>';
const request = (encoding = 'gzip, deflate, br', method = 'GET') =>
	new Request('http://localhost/map', { method, headers: { 'accept-encoding': encoding } });
const html = (body = page, headers: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('compressing server-rendered answers', () => {
	it('gzips a page for a browser that accepts gzip', () => {
		expect(shouldCompress(request(), html())).toBe(true);
	});

	it('reads Accept-Encoding with its weights: gzip;q=0 is a refusal', () => {
		for (const taken of [
			'gzip',
			'GZIP',
			'deflate, gzip;q=0.5',
			'x-gzip',
			'*',
			'br, *;q=0.1',
			'gzip;q=1'
		])
			expect(acceptsGzip(request(taken)), taken).toBe(true);
		for (const refused of [
			'',
			'identity',
			'br',
			'gzip;q=0',
			'gzip; q=0.000',
			'*;q=0',
			'gzip;q=0, *',
			'gzipper'
		])
			expect(acceptsGzip(request(refused)), refused).toBe(false);
		expect(shouldCompress(request('gzip;q=0'), html())).toBe(false);
	});

	it('leaves alone what a client cannot take or would not gain from', () => {
		expect(shouldCompress(request('identity'), html())).toBe(false);
		expect(shouldCompress(request('gzip', 'HEAD'), html())).toBe(false);
		expect(shouldCompress(request(), html('<p>short</p>', { 'content-length': '12' }))).toBe(false);
		expect(shouldCompress(request(), html(page, { 'content-encoding': 'gzip' }))).toBe(false);
		const png = new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } });
		expect(shouldCompress(request(), png)).toBe(false);
		expect(shouldCompress(request(), new Response(null, { status: 304 }))).toBe(false);
	});

	it('sends the same bytes, smaller, with the headers a cache needs', async () => {
		const response = await compressResponses({
			event: { request: request() },
			resolve: async () => html(page, { 'content-length': String(Buffer.byteLength(page)) })
		} as unknown as Parameters<typeof compressResponses>[0]);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		const body = Buffer.from(await response.arrayBuffer());
		expect(body.length).toBeLessThan(Buffer.byteLength(page) / 5);
		expect(gunzipSync(body).toString('utf8')).toBe(page);
	});
});
