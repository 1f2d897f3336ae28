/**
 * Rendered pages kept for one generation (one committed database version, one coverage engine and
 * one slice of the clock: page-cache/index.ts), the least recently used dropped first beyond a
 * budget of bytes. A page being rendered is shared: requests for it that arrive meanwhile wait for
 * that render instead of starting their own.
 */
export interface KeptPage {
	status: number;
	/** every header as sent, Set-Cookie lines one by one */
	headers: [string, string][];
	body: Uint8Array;
	/** the gzipped body, made the first time a browser that accepts gzip asks */
	gzipped?: Promise<Uint8Array>;
	/** its size, once made and counted in the budget */
	gzippedBytes?: number;
}

/**
 * The memory a kept page takes, as counted in the budget: its body, and also its key (the request's
 * URL and Cookie header: up to the 16 KB a request's head may have, often more than a small page's
 * body) and its headers (the CSP's hashes, Set-Cookie lines). Counting the body alone let a client
 * fill the memory many times over the budget with long URLs and cookies.
 */
export function footprintOf(key: string, page: KeptPage): number {
	let bytes = key.length + page.body.byteLength;
	for (const [name, value] of page.headers) bytes += name.length + value.length;
	return bytes;
}

export class PageStore {
	#generation = '';
	#pages = new Map<string, KeptPage>();
	/** each kept page's footprintOf (without its gzipped copy), as counted when it was kept */
	#sizes = new Map<string, number>();
	#rendering = new Map<string, Promise<KeptPage | null>>();
	#bytes = 0;

	constructor(readonly budgetBytes: number) {}

	get bytes(): number {
		return this.#bytes;
	}

	get size(): number {
		return this.#pages.size;
	}

	/** A kept page of this generation; a new generation drops every page of the one before. */
	find(generation: string, key: string): KeptPage | undefined {
		this.#enter(generation);
		const page = this.#pages.get(key);
		if (page) {
			// most recently used last: the first in the map is the next to go
			this.#pages.delete(key);
			this.#pages.set(key, page);
		}
		return page;
	}

	/** The render of this page under way in this generation, if one is. */
	rendering(generation: string, key: string): Promise<KeptPage | null> | undefined {
		this.#enter(generation);
		return this.#rendering.get(key);
	}

	/**
	 * Marks a render as under way; `done` with the page (or null: not kept) ends it. Requests that
	 * found it under way get that page, or null, and then render for themselves.
	 */
	startRendering(generation: string, key: string): (page: KeptPage | null) => void {
		this.#enter(generation);
		let settle!: (page: KeptPage | null) => void;
		const render = new Promise<KeptPage | null>((resolve) => (settle = resolve));
		this.#rendering.set(key, render);
		return (page) => {
			if (this.#rendering.get(key) === render) this.#rendering.delete(key);
			settle(page);
		};
	}

	/** Keeps a page of this generation (if it is still the current one) within the budget. */
	keep(generation: string, key: string, page: KeptPage): void {
		const size = footprintOf(key, page);
		if (generation !== this.#generation || size > this.budgetBytes) return;
		this.#drop(key);
		this.#pages.set(key, page);
		this.#sizes.set(key, size);
		this.#bytes += size;
		this.#trim();
	}

	/** Counts a kept page's gzipped copy once it exists (it takes room in the budget too). */
	addGzipped(key: string, page: KeptPage, bytes: number): void {
		if (this.#pages.get(key) !== page || page.gzippedBytes !== undefined) return;
		page.gzippedBytes = bytes;
		this.#bytes += bytes;
		this.#trim();
	}

	#enter(generation: string): void {
		if (generation === this.#generation) return;
		this.#generation = generation;
		this.#pages.clear();
		this.#sizes.clear();
		this.#rendering.clear();
		this.#bytes = 0;
	}

	#drop(key: string): void {
		const page = this.#pages.get(key);
		if (!page) return;
		this.#pages.delete(key);
		this.#bytes -= this.#sizes.get(key)! + (page.gzippedBytes ?? 0);
		this.#sizes.delete(key);
	}

	#trim(): void {
		for (const key of this.#pages.keys()) {
			if (this.#bytes <= this.budgetBytes) return;
			this.#drop(key);
		}
	}
}
