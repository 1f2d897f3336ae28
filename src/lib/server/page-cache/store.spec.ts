import { describe, expect, it } from 'vitest';
import { footprintOf, PageStore, type KeptPage } from './store';

const page = (bytes: number, text = ''): KeptPage => ({
	status: 200,
	headers: [
		['content-type', 'text/html'],
		['x-text', text]
	],
	body: new Uint8Array(bytes)
});

/** A store whose current generation is g (as after the request that looked for a page first). */
function storeIn(generation: string, budgetBytes: number): PageStore {
	const store = new PageStore(budgetBytes);
	store.find(generation, '');
	return store;
}

describe('PageStore', () => {
	it('gives a kept page back in its generation only, and drops every page when the generation moves', () => {
		const store = storeIn('g1', 10_000);
		const kept = page(100, 'one');
		store.keep('g1', '/', kept);
		expect(store.find('g1', '/')).toBe(kept);
		expect(store.find('g1', '/map')).toBeUndefined();
		expect(store.find('g2', '/')).toBeUndefined();
		// back to g1's text: nothing of g1 survived the move
		expect(store.find('g1', '/')).toBeUndefined();
		expect(store.size).toBe(0);
		expect(store.bytes).toBe(0);
	});

	it('does not keep a page rendered in a generation that has passed', () => {
		const store = new PageStore(10_000);
		store.find('g1', '/');
		store.find('g2', '/');
		store.keep('g1', '/', page(100));
		expect(store.find('g2', '/')).toBeUndefined();
		expect(store.size).toBe(0);
	});

	it('keeps within its budget of bytes, dropping the least recently used first', () => {
		// each page: 100 bytes of body, 27 of headers, 1 of key
		expect(footprintOf('a', page(100))).toBe(128);
		const store = storeIn('g', 3 * 128);
		store.keep('g', 'a', page(100));
		store.keep('g', 'b', page(100));
		store.keep('g', 'c', page(100));
		store.find('g', 'a'); // a used again: b is now the oldest
		store.keep('g', 'd', page(100));
		expect(store.find('g', 'b')).toBeUndefined();
		for (const key of ['a', 'c', 'd']) expect(store.find('g', key)).toBeDefined();
		expect(store.bytes).toBe(3 * 128);
		// a page larger than the whole budget is not kept, and pushes nothing out
		store.keep('g', 'huge', page(3 * 128));
		expect(store.find('g', 'huge')).toBeUndefined();
		expect(store.size).toBe(3);
	});

	it('counts a gzipped copy in the budget once', () => {
		const store = storeIn('g', 2 * 128 + 50);
		const a = page(100);
		const b = page(100);
		store.keep('g', 'a', a);
		store.keep('g', 'b', b);
		store.addGzipped('b', b, 40);
		store.addGzipped('b', b, 40);
		expect(store.bytes).toBe(2 * 128 + 40);
		store.addGzipped('a', a, 40); // over the budget: the older one goes
		expect(store.find('g', 'a')).toBeUndefined();
		expect(store.bytes).toBe(128 + 40);
		// replacing a page takes its old bytes (and its gzipped copy's) out
		store.keep('g', 'b', page(50));
		expect(store.bytes).toBe(78);
	});

	it('counts the keys and headers too: long URLs and cookies cannot hold memory beyond the budget', () => {
		// a client asking for one small page under many URLs, each with a long query and Cookie header
		// (a request's head may be 16 KB): the keys, not the bodies, are what fills the memory
		const budget = 100_000;
		const store = storeIn('g', budget);
		const keys = Array.from({ length: 200 }, (_, i) => `/notices?${i}&${'x'.repeat(15_000)}`);
		const csp: [string, string] = [
			'content-security-policy',
			`script-src ${"'sha256-x' ".repeat(100)}`
		];
		for (const key of keys) store.keep('g', key, { ...page(100), headers: [csp] });
		const held = keys
			.map((key) => [key, store.find('g', key)] as const)
			.filter((entry): entry is readonly [string, KeptPage] => entry[1] !== undefined);
		const heldBytes = held.reduce((sum, [key, kept]) => sum + footprintOf(key, kept), 0);
		expect(held.length).toBeGreaterThan(0);
		expect(heldBytes).toBeLessThanOrEqual(budget);
		expect(store.bytes).toBe(heldBytes);
	});

	it('shares a render under way with later requests of the same generation, and ends it', async () => {
		const store = new PageStore(10_000);
		const done = store.startRendering('g', '/');
		const waiting = store.rendering('g', '/');
		expect(waiting).toBeDefined();
		expect(store.rendering('g', '/map')).toBeUndefined();
		const rendered = page(10);
		done(rendered);
		expect(await waiting).toBe(rendered);
		expect(store.rendering('g', '/')).toBeUndefined();
		// a render that is not kept tells the waiting requests so (they render for themselves)
		const notKept = store.startRendering('g', '/');
		const second = store.rendering('g', '/');
		notKept(null);
		expect(await second).toBeNull();
		// a render of a generation that has passed is not found in the next one
		store.startRendering('g', '/x');
		expect(store.rendering('h', '/x')).toBeUndefined();
	});
});
