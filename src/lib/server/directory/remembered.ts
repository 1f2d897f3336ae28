import type { Db } from '../db';

/**
 * What a public page computes from data that does not change per request (the directory, the
 * categories, a community's figures), kept in this process's memory per connection. The key names
 * everything the value depends on — at least the public data version (migration 0005: every write
 * to service points, residences, categories, communities, streets or the network moves it) and,
 * where it matters, a ratings version or the day — so a changed input is a new key and an old value
 * is never served. Values are shared between requests: callers never change them.
 */
const byConnection = new WeakMap<Db, Map<string, Promise<unknown>>>();
/** enough for every page of a city several times over; when full, it starts again */
const maxEntries = 2000;

/** The value under `key`, built once: requests that arrive while it is built wait for the same build. */
export function remembered<T>(db: Db, key: string, build: () => T | Promise<T>): Promise<T> {
	let cache = byConnection.get(db);
	if (!cache) {
		cache = new Map();
		byConnection.set(db, cache);
	}
	const known = cache.get(key);
	if (known) return known as Promise<T>;
	const value = Promise.resolve().then(build);
	if (cache.size >= maxEntries) cache.clear();
	cache.set(key, value);
	// a failed build is not kept: the next request tries again
	const entries = cache;
	value.catch(() => {
		if (entries.get(key) === value) entries.delete(key);
	});
	return value;
}
