import type { Db } from './index';

const caches = new WeakMap<Db, Map<string, unknown>>();

/**
 * A statement prepared once per connection. Building a drizzle query and preparing it in SQLite costs
 * more than running it, so statements on hot paths (a booking, the session lookup on every request) are
 * kept prepared, with sql.placeholder parameters. Only for statements whose shape never changes.
 */
export function prepared<T>(db: Db, key: string, build: () => T): T {
	let cache = caches.get(db);
	if (!cache) {
		cache = new Map();
		caches.set(db, cache);
	}
	let statement = cache.get(key) as T | undefined;
	if (statement === undefined) {
		statement = build();
		cache.set(key, statement);
	}
	return statement;
}
