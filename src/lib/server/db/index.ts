import { sql, type SQL } from 'drizzle-orm';
import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { setting } from '../config';
import {
	closeSqlite,
	isSqlite,
	sqliteClients,
	lockWaitMs,
	openSqlite,
	openSqliteImage,
	sqliteFile,
	sqliteImage,
	sqliteTransaction,
	sqliteWriter
} from './sqlite';
import type { Db, Dialect } from './types';

// The data layer: one way to reach the database for every module, whichever the backend. Verbs take
// the connection (or transaction) first and are async; every write happens inside transaction().

export type { Db, Dialect };
export { lockWaitMs };

export function databaseUrl(): string {
	return setting('DATABASE_URL');
}

/** @deprecated the name of databaseUrl() before PostgreSQL */
export const databasePath = databaseUrl;

export function dialectOfUrl(url: string): Dialect {
	return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function dialectOf(db: Db): Dialect {
	return isSqlite(db) ? 'sqlite' : 'postgres';
}

/** Opens the database a URL names: a SQLite file (or ':memory:') or a postgres:// server. */
export function openDatabase(url: string = databaseUrl()): Db {
	if (dialectOfUrl(url) === 'postgres') throw new Error('PostgreSQL: not yet');
	return openSqlite(url);
}

/** The URL a connection was opened with (for another thread to open the same database). */
export function databaseUrlOf(db: Db): string {
	if (isSqlite(db)) return sqliteFile(db);
	throw new Error('PostgreSQL: not yet');
}

/** An in-memory SQLite database's content, for a worker thread (openSqliteImage) to read a copy. */
export { sqliteImage, openSqliteImage };

/** Brings the schema up to date (drizzle/ for SQLite). */
export async function migrateDatabase(
	db: Db,
	migrationsFolder = resolve('drizzle')
): Promise<void> {
	if (isSqlite(db)) {
		// migrations write: on the writing connection (drizzle's migrator runs its own transaction)
		migrate(sqliteWriter(db) as unknown as BetterSQLite3Database<typeof schema>, {
			migrationsFolder
		});
		return;
	}
	throw new Error('PostgreSQL: not yet');
}

/**
 * A fresh, migrated, empty database for one test file: SQLite in memory, or with
 * TEST_DATABASE_URL=postgres://… a new database on that server (the PostgreSQL runs of the tests).
 */
export async function openTestDatabase(): Promise<Db> {
	const db = openDatabase(':memory:');
	await migrateDatabase(db);
	return db;
}

let current: Db | undefined;

/** The process-wide connection, opened on first use (never at build time). */
export function getDb(): Db {
	current ??= openDatabase();
	return current;
}

export async function closeDb(): Promise<void> {
	if (current) await closeDatabase(current);
	current = undefined;
}

export async function closeDatabase(db: Db): Promise<void> {
	if (isSqlite(db)) closeSqlite(db);
}

/**
 * Runs fn in one transaction: on SQLite holding the write lock from the start, on PostgreSQL at
 * serializable isolation, retried on a serialization failure. Either way read-check-write inside
 * fn is atomic and fn may run more than once: it must not act outside the database (send, log)
 * before it returns. fn uses the tx it is given for every query; a verb given a tx joins it.
 */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	if (isSqlite(db)) return sqliteTransaction(db, fn);
	throw new Error('PostgreSQL: not yet');
}

/**
 * Runs fn's reads on one consistent snapshot of the data (the coverage engine reads the data and its
 * version together). Only on a connection that nothing else uses meanwhile (a worker thread's own):
 * on SQLite the snapshot is the connection's open read transaction.
 */
export async function readSnapshot<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	if (isSqlite(db)) {
		const client = sqliteClients(db).reader;
		client.exec('BEGIN');
		try {
			return await fn(db);
		} finally {
			client.exec('COMMIT');
		}
	}
	throw new Error('PostgreSQL: not yet');
}

/** A raw SQL query's rows (prefer the query builders; for what they cannot say). */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
	if (isSqlite(db)) return clientOfQuery(db).all<T>(query);
	throw new Error('PostgreSQL: not yet');
}

/** Runs a raw SQL statement (inside a transaction when it writes); the number of rows it changed. */
export async function exec(db: Db, query: SQL): Promise<number> {
	if (isSqlite(db)) return clientOfQuery(db).run(query).changes;
	throw new Error('PostgreSQL: not yet');
}

/** Rows changed by an awaited insert, update or delete without returning(), on either backend. */
export function changedRows(result: unknown): number {
	const r = result as { changes?: number; rowCount?: number | null };
	return r.changes ?? r.rowCount ?? 0;
}

function clientOfQuery(db: Db): BetterSQLite3Database<typeof schema> {
	return db as unknown as BetterSQLite3Database<typeof schema>;
}

export { schema, sql };
