import { describe, expect, it } from 'vitest';
import { PageStore, type KeptPage } from './store';

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
		const store = storeIn('g', 300);
		store.keep('g', 'a', page(100));
		store.keep('g', 'b', page(100));
		store.keep('g', 'c', page(100));
		store.find('g', 'a'); // a used again: b is now the oldest
		store.keep('g', 'd', page(100));
		expect(store.find('g', 'b')).toBeUndefined();
		for (const key of ['a', 'c', 'd']) expect(store.find('g', key)).toBeDefined();
		expect(store.bytes).toBe(300);
		// a page larger than the whole budget is not kept, and pushes nothing out
		store.keep('g', 'huge', page(301));
		expect(store.find('g', 'huge')).toBeUndefined();
		expect(store.size).toBe(3);
	});

	it('counts a gzipped copy in the budget once', () => {
		const store = storeIn('g', 250);
		const a = page(100);
		const b = page(100);
		store.keep('g', 'a', a);
		store.keep('g', 'b', b);
		store.addGzipped('b', b, 40);
		store.addGzipped('b', b, 40);
		expect(store.bytes).toBe(240);
		store.addGzipped('a', a, 40); // over the budget: the older one goes
		expect(store.find('g', 'a')).toBeUndefined();
		expect(store.bytes).toBe(140);
		// replacing a page takes its old bytes (and its gzipped copy's) out
		store.keep('g', 'b', page(50));
		expect(store.bytes).toBe(50);
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
