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

	it('builds once for requests that arrive while it is being built', async () => {
		let builds = 0;
		let finish!: () => void;
		const build = async () => {
			builds++;
			await new Promise<void>((resolve) => (finish = resolve));
			return { features: [builds] };
		};
		const answers = Array.from({ length: 5 }, () =>
			cachedJson(request(), 'v1', 'spec shared', build)
		);
		await new Promise((resolve) => setImmediate(resolve));
		finish();
		for (const answer of await Promise.all(answers))
			expect(await answer.json()).toEqual({ features: [1] });
		expect(builds).toBe(1);
	});

	it('gives each waiting request its own refusal (a body is read once)', async () => {
		let builds = 0;
		let finish!: () => void;
		const build = async () => {
			builds++;
			if (builds === 1) await new Promise<void>((resolve) => (finish = resolve));
			return new Response('no route', { status: 422 });
		};
		const first = cachedText(request(), 'v1', 'spec refused', build);
		const second = cachedText(request(), 'v1', 'spec refused', build);
		await new Promise((resolve) => setImmediate(resolve));
		finish();
		const [a, b] = await Promise.all([first, second]);
		expect(a).not.toBe(b);
		expect([await a.text(), await b.text()]).toEqual(['no route', 'no route']);
		// and nothing is kept: the next request asks again
		await (await cachedText(request(), 'v1', 'spec refused', build)).text();
		expect(builds).toBe(3);
	});

	it('builds again when the data version moved during a build, and keeps only a steady one', async () => {
		let version = 'v1';
		let builds = 0;
		// an import commits during the first build
		const build = async () => {
			builds++;
			if (builds === 1) version = 'v2';
			return { built: builds };
		};
		const versionNow = async () => version;
		const first = await cachedJson(request(), 'v1', 'spec moving', build, { versionNow });
		expect(await first.json()).toEqual({ built: 2 });
		expect(builds).toBe(2);
		// v2's data is not kept under v1's key: a late request for v1 builds again
		await cachedJson(request(), 'v1', 'spec moving', build, { versionNow });
		expect(builds).toBe(3);
		// a steady build is kept
		await cachedJson(request(), 'v2', 'spec moving', build, { versionNow });
		await cachedJson(request(), 'v2', 'spec moving', build, { versionNow });
		expect(builds).toBe(4);
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
