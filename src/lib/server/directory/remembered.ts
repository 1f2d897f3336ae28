import type { Db } from '../db';

/**
 * What a public page computes from data that does not change per request (the directory, the
 * categories, a community's figures), kept in this process's memory per connection. The key names
 * everything the value depends on — at least the public data version (migration 0005: every write
 * to service points, residences, categories, communities, streets or the network moves it) and,
 * where it matters, a ratings version or the day — so a changed input is a new key and an old value
 * is never served. Values are shared between requests: callers never change them.
 */
const byConnection = new WeakMap<Db['$client'], Map<string, unknown>>();
/** enough for every page of a city several times over; when full, it starts again */
const maxEntries = 2000;

export function remembered<T>(db: Db, key: string, build: () => T): T {
	let cache = byConnection.get(db.$client);
	if (!cache) {
		cache = new Map();
		byConnection.set(db.$client, cache);
	}
	if (cache.has(key)) return cache.get(key) as T;
	const value = build();
	if (cache.size >= maxEntries) cache.clear();
	cache.set(key, value);
	return value;
}
