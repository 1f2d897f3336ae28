import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

/**
 * A connection or an open transaction of the data layer, SQLite or PostgreSQL. Queries are written
 * once with drizzle's query builders and awaited (`await db.select()…`, `(await q.limit(1))[0]`,
 * `await prepared(…).execute({…})`); the type is SQLite's asynchronous one so that a forgotten await
 * is a type error, and SQLite-only calls (`.get()`, `.all()`, `.run()`, `.values()`, `$client`) are
 * refused by db/neutral.spec.ts. PostgreSQL runs the same builders through drizzle's pg driver.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema>;

export type Dialect = 'sqlite' | 'postgres';
