/**
 * What a phone on a slow connection gets (Lighthouse's "text compression" and "meta description"):
 * server-rendered pages gzipped for a browser that accepts gzip, the same page unchanged for one that
 * does not, and a description in the page's language for search results and link previews.
 */
import { expect, test } from '@playwright/test';
import { gunzipSync } from 'node:zlib';
import { baseURL } from '../../playwright.config';

const pages = ['/', '/map', '/communities', '/elder', '/login'];

test('pages are gzipped for browsers that accept it, and the same page without', async () => {
	for (const path of pages) {
		const gzipped = await fetch(baseURL + path, { headers: { 'accept-encoding': 'gzip' } });
		// fetch() would decode gzip itself: read the raw bytes through a request without decoding
		const raw = await rawGet(path, 'gzip');
		expect(gzipped.status, path).toBe(200);
		expect(raw.headers['content-encoding'], path).toBe('gzip');
		expect(raw.headers['vary'], path).toMatch(/Accept-Encoding/i);
		const plain = await rawGet(path, 'identity');
		expect(plain.headers['content-encoding'], path).toBeUndefined();
		const html = gunzipSync(raw.body).toString('utf8');
		expect(html, path).toContain('</html>');
		expect(raw.body.length, path).toBeLessThan(plain.body.length / 2);
	}
});

test('every page has a description in its language', async () => {
	for (const path of pages) {
		const zh = await (await fetch(baseURL + path)).text();
		expect(zh, path).toMatch(/<meta name="description" content="[^"]*步行[^"]*"/);
		const en = await (await fetch(`${baseURL}${path}?lang=en`)).text();
		expect(en, path).toMatch(/<meta name="description" content="[^"]*walking minutes[^"]*"/);
	}
});

async function rawGet(path: string, encoding: string) {
	const { request } = await import('node:http');
	return new Promise<{ headers: Record<string, string | undefined>; body: Buffer }>(
		(resolve, reject) => {
			const req = request(
				baseURL + path,
				{ headers: { 'accept-encoding': encoding } },
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({
							headers: response.headers as Record<string, string | undefined>,
							body: Buffer.concat(chunks)
						})
					);
					response.on('error', reject);
				}
			);
			req.on('error', reject);
			req.end();
		}
	);
}
