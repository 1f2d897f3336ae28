import { sql, type Placeholder } from 'drizzle-orm';
import type { Db } from './types';

/** `$.name` is the placeholder `name`: its value is given when the statement runs. */
export type Placeholders = Readonly<Record<string, Placeholder>>;

const $: Placeholders = new Proxy({} as Placeholders, {
	get: (_, name) => sql.placeholder(String(name))
});

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A drizzle query kept prepared on this connection (or transaction object) under a stable name, for
 * the hot paths (a booking, the session lookup on every request). The connection's statement LRU
 * (db/index.ts) only saves SQLite's prepare; building the drizzle query costs more than running it,
 * and a prepared query is built once. `build` writes the query with placeholders `$.name` and returns
 * it unprepared (it is prepared here, under the name: a named statement in PostgreSQL); the caller
 * runs it with the values, `await statement.execute({ name: value })` (rows). A name is one statement: its shape never changes. Placeholders in a where clause are bound as given (a timestamp column takes epoch
 * milliseconds); in inserted values and set columns they are mapped like any value (a Date), unless
 * wrapped raw, sql`${$.name}` (null in a JSON or timestamp column).
 */
export function prepared<S>(
	db: Db,
	name: string,
	build: ($: Placeholders) => { prepare(name: string): S }
): S {
	let cache = statements.get(db);
	if (!cache) {
		cache = new Map();
		statements.set(db, cache);
	}
	let statement = cache.get(name) as S | undefined;
	if (statement === undefined) {
		statement = build($).prepare(name);
		cache.set(name, statement);
	}
	return statement;
}
