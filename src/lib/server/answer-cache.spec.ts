import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { cachedJson, cachedText } from './answer-cache';

const request = (headers: Record<string, string> = {}) =>
	new Request('http://localhost/x', { headers });

describe('cachedText', () => {
	it('builds once per version and key, answers 304 to the ETag held, and a new version anew', async () => {
		let builds = 0;
		const build = () => `answer ${++builds}`;
		const first = await cachedText(request(), 'v1', 'spec small', build);
		const etag = first.headers.get('etag')!;
		expect(await first.text()).toBe('answer 1');
		expect(await (await cachedText(request(), 'v1', 'spec small', build)).text()).toBe('answer 1');
		const held = await cachedText(request({ 'if-none-match': etag }), 'v1', 'spec small', build);
		expect(held.status).toBe(304);
		const changed = await cachedText(request({ 'if-none-match': etag }), 'v2', 'spec small', build);
		expect(changed.status).toBe(200);
		expect(changed.headers.get('etag')).not.toBe(etag);
		expect(await changed.text()).toBe('answer 2');
	});

	it('awaits an asynchronous build (an answer read from the database)', async () => {
		const answer = await cachedJson(request(), 'v1', 'spec async', async () => ({ rows: [1, 2] }));
		expect(await answer.json()).toEqual({ rows: [1, 2] });
	});

	it('keeps a large answer gzipped only, and still answers a client without gzip', async () => {
		let builds = 0;
		const big = 'x'.repeat(5 * 1024 * 1024);
		const build = () => {
			builds++;
			return big;
		};
		const zipped = await cachedText(
			request({ 'accept-encoding': 'gzip' }),
			'v1',
			'spec big',
			build,
			{
				private: true,
				filename: 'big.txt'
			}
		);
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(zipped.headers.get('cache-control')).toBe('private, no-cache');
		expect(zipped.headers.get('content-disposition')).toBe('attachment; filename="big.txt"');
		expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(big);
		const plain = await cachedText(request(), 'v1', 'spec big', build);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect((await plain.text()).length).toBe(big.length);
		expect(builds).toBe(1);
	});

	it('with keep: false, the ETag and its 304 without keeping the answer', async () => {
		let builds = 0;
		const build = () => ({ n: ++builds });
		const first = await cachedJson(request(), 'v1', 'spec tile', build, { keep: false });
		await cachedJson(request(), 'v1', 'spec tile', build, { keep: false });
		expect(builds).toBe(2);
		const etag = first.headers.get('etag')!;
		expect(
			(await cachedJson(request({ 'if-none-match': etag }), 'v1', 'spec tile', build)).status
		).toBe(304);
		expect(builds).toBe(2);
	});
});
