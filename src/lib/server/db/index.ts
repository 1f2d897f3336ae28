import { sql, type SQL } from 'drizzle-orm';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { setting } from '../config';
import { dialectOfUrl } from './dialect';
import {
	closePostgres,
	migratePostgres,
	openPostgres,
	openPostgresTestDatabase,
	postgresExec,
	postgresRows,
	postgresSnapshot,
	postgresTransaction,
	postgresCommittedVersion,
	postgresUrlOf,
	resetPostgresIdentities,
	withStartupLock,
	copyPostgresDatabase,
	keepPostgresTestDatabase
} from './postgres';
import {
	closeSqlite,
	isSqlite,
	sqliteClients,
	sqliteFileOf,
	sqliteImage,
	lockWaitMs,
	openSqlite,
	sqliteTransaction,
	sqliteCommittedVersion,
	sqliteWriter
} from './sqlite';
import type { Db, Dialect } from './types';

// The data layer: one way to reach the database for every module, whichever the backend. Verbs take
// the connection (or transaction) first and are async; every write happens inside transaction().
// Which backend a process runs on is decided once from its DATABASE_URL (db/dialect.ts): the tables
// modules import from ./schema are that backend's.

export type { Db, Dialect };
export { lockWaitMs, dialectOfUrl, sqliteImage };

export function databaseUrl(): string {
	return setting('DATABASE_URL');
}

/** A database URL for logs and messages: a postgres:// URL's password is masked (a file path is as given). */
export function shownDatabaseUrl(url: string = databaseUrl()): string {
	if (dialectOfUrl(url) === 'sqlite') return url;
	const parsed = new URL(url);
	if (parsed.password) parsed.password = '***';
	return parsed.toString();
}

/** @deprecated the name of databaseUrl() before PostgreSQL */
export const databasePath = databaseUrl;

export function dialectOf(db: Db): Dialect {
	return isSqlite(db) ? 'sqlite' : 'postgres';
}

/**
 * Opens the database a URL names: a SQLite file (or ':memory:') or a postgres:// server (a pool of
 * DATABASE_POOL_SIZE connections unless poolSize says otherwise). The backend must be the process's
 * (db/dialect.ts): queries use the tables of that one.
 */
export function openDatabase(url: string = databaseUrl(), poolSize?: number): Db {
	if (dialectOfUrl(url) === 'postgres')
		return openPostgres(url, poolSize ?? setting('DATABASE_POOL_SIZE'));
	return openSqlite(url);
}

/**
 * A copy of a SQLite database's bytes (sqliteImage) as a new in-memory database of the data layer:
 * how a worker thread reads the data of an in-memory database (tests) that it cannot open by name.
 */
export function openSqliteImage(image: Uint8Array): Db {
	return openSqlite(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
}

/**
 * The URL another thread or process opens to reach the same database (openDatabase(url)): the
 * postgres:// URL or the SQLite file; undefined for an in-memory SQLite database (copy it with
 * sqliteImage(db) and open the copy with openSqliteImage(bytes)). Not for a transaction.
 */
export function databaseUrlOf(db: Db): string | undefined {
	return isSqlite(db) ? sqliteFileOf(db) : postgresUrlOf(db);
}

/**
 * What has been committed, as a text that changes with every commit that may change a read: the
 * key under which an answer read from the whole database (a rendered public page) may be kept.
 * Cheap (a pragma; one small query on PostgreSQL), and across processes and machines: SQLite's
 * data_version sees every other connection's commits, PostgreSQL's snapshot every server's.
 */
export async function committedVersion(db: Db): Promise<string> {
	return isSqlite(db) ? sqliteCommittedVersion(db) : postgresCommittedVersion(db);
}

/** Where each backend's migrations are (drizzle-kit writes them: npm run db:generate). */
export function migrationsFolderOf(dialect: Dialect): string {
	return dialect === 'sqlite' ? resolve('drizzle') : resolve('drizzle/postgres');
}

/**
 * Brings the schema up to date (drizzle/ for SQLite, drizzle/postgres for PostgreSQL). On
 * PostgreSQL, processes starting together take turns (an advisory lock): one migrates.
 */
export async function migrateDatabase(
	db: Db,
	migrationsFolder = migrationsFolderOf(dialectOf(db))
): Promise<void> {
	if (isSqlite(db)) {
		// migrations write: on the writing connection (drizzle's migrator runs its own transaction)
		migrate(sqliteWriter(db) as unknown as BetterSQLite3Database<typeof schema>, {
			migrationsFolder
		});
		return;
	}
	await migratePostgres(db, migrationsFolder);
}

/**
 * Runs a server's start-up work on the database (migrations, the demo city on an empty database)
 * one server at a time: on PostgreSQL several app servers, on several machines, may start at once,
 * and only one must find the database empty and seed it; they take turns on an advisory lock, and
 * the later ones find the work done. On SQLite fn runs at once (the cluster's first worker does this
 * before the others start). Needs a connection (pool) of its own: not given a transaction.
 */
export function startupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
	if (isSqlite(db)) return fn();
	return withStartupLock(db, fn);
}

/** The migrated empty SQLite database as bytes, made once per process (openTestDatabase). */
let migratedSqliteImage: Uint8Array | undefined;

/**
 * A fresh, migrated, empty database for one test file: SQLite in memory, or with
 * TEST_DATABASE_URL=postgres://… a new database on that server (the PostgreSQL runs of the tests),
 * copied from a template migrated once per run and emptied again for the next by closeDatabase().
 * On SQLite the migrations also run once per process: each database is a copy of that one's bytes
 * (~50 ms of migrations per test database, hundreds of them in a run, became ~1 ms). Given a
 * snapshot (keepTestDatabase), a copy of what that database held.
 */
export async function openTestDatabase(snapshot?: TestDatabaseSnapshot): Promise<Db> {
	if (snapshot?.dialect === 'sqlite') return openSqliteImage(snapshot.image);
	const url = process.env.TEST_DATABASE_URL ?? '';
	if (dialectOfUrl(url) === 'postgres')
		return openPostgresTestDatabase(url, migrationsFolderOf('postgres'), snapshot?.template);
	if (!migratedSqliteImage) {
		const db = openDatabase(':memory:');
		await migrateDatabase(db);
		migratedSqliteImage = sqliteImage(db);
		closeSqlite(db);
	}
	return openSqliteImage(migratedSqliteImage);
}

/** What a test database held, to open copies of (openTestDatabase(snapshot)): its bytes, or a PostgreSQL template. */
export type TestDatabaseSnapshot =
	{ dialect: 'sqlite'; image: Uint8Array } | { dialect: 'postgres'; template: string };

/**
 * Closes a database openTestDatabase() gave and keeps what it holds, for copies: a fixture that is
 * slow to make (the demo city) made once and copied for each spec that reads it. On PostgreSQL
 * `name` names the kept database (a template on the server), else one of this process's.
 */
export async function keepTestDatabase(db: Db, name?: string): Promise<TestDatabaseSnapshot> {
	if (!isSqlite(db))
		return { dialect: 'postgres', template: await keepPostgresTestDatabase(db, name) };
	const image = sqliteImage(db);
	closeSqlite(db);
	return { dialect: 'sqlite', image };
}

let current: Db | undefined;

/** The process-wide connection, opened on first use (never at build time). */
export function getDb(): Db {
	current ??= openDatabase();
	return current;
}

/**
 * Points the process-wide connection (getDb()) at db, or back to "open DATABASE_URL on first use"
 * with undefined: spec fixtures give modules that call getDb() the spec's database. The one it
 * replaces is not closed.
 */
export function useDatabase(db: Db | undefined): void {
	current = db;
}

export async function closeDb(): Promise<void> {
	if (current) await closeDatabase(current);
	current = undefined;
}

export async function closeDatabase(db: Db): Promise<void> {
	if (isSqlite(db)) closeSqlite(db);
	else await closePostgres(db);
}

/**
 * Runs fn in one transaction: on SQLite holding the write lock from the start, on PostgreSQL at
 * serializable isolation, retried on a serialization failure. Either way read-check-write inside
 * fn is atomic and fn may run more than once: it must not act outside the database (send, log)
 * before it returns. fn uses the tx it is given for every query; a verb given a tx joins it.
 */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	if (isSqlite(db)) return sqliteTransaction(db, fn);
	return postgresTransaction(db, fn);
}

/**
 * Runs fn's reads on one consistent snapshot of the data (the coverage engine reads the data and its
 * version together). Only on a connection that nothing else uses meanwhile (a worker thread's own):
 * on SQLite the snapshot is the connection's open read transaction; on PostgreSQL a read-only
 * repeatable-read transaction.
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
	return postgresSnapshot(db, fn);
}

/** A raw SQL query's rows (prefer the query builders; for what they cannot say). */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
	if (isSqlite(db)) return clientOfQuery(db).all<T>(query);
	return postgresRows<T>(db, query);
}

/** Runs a raw SQL statement (inside a transaction when it writes); the number of rows it changed. */
export async function exec(db: Db, query: SQL): Promise<number> {
	if (isSqlite(db)) return clientOfQuery(db).run(query).changes;
	return postgresExec(db, query);
}

/** Rows changed by an awaited insert, update or delete without returning(), on either backend. */
export function changedRows(result: unknown): number {
	const r = result as { changes?: number; rowCount?: number | null };
	return r.changes ?? r.rowCount ?? 0;
}

/**
 * After inserts with explicit ids (a restore, an import, fixtures), inside their transaction: on
 * PostgreSQL every identity sequence moves past its table's largest id, so the next insert without
 * an id gets a free one. Nothing on SQLite (its rowids follow the largest id by themselves).
 */
export async function resetIdentities(tx: Db): Promise<void> {
	if (!isSqlite(tx)) await resetPostgresIdentities(tx);
}

function clientOfQuery(db: Db): BetterSQLite3Database<typeof schema> {
	return db as unknown as BetterSQLite3Database<typeof schema>;
}

/**
 * Moves everything in a SQLite file's write-ahead log into the file itself (before the file alone is
 * copied or renamed); PostgreSQL has no such file: nothing to do.
 */
export async function checkpoint(db: Db): Promise<void> {
	if (isSqlite(db)) sqliteClients(db).writer.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * A consistent copy of a database while its server keeps writing, replacing whatever is at `to`:
 * SQLite's online backup of one file into another; on PostgreSQL pg_dump of one database restored
 * into another (created when missing) on the same server.
 */
export async function copyDatabase(from: string, to: string): Promise<void> {
	if (dialectOfUrl(from) !== dialectOfUrl(to)) throw new Error('copyDatabase: two backends');
	if (dialectOfUrl(from) === 'sqlite') {
		const source = openDatabase(from);
		try {
			rmSync(to, { force: true });
			for (const suffix of ['-wal', '-shm']) rmSync(to + suffix, { force: true });
			await sqliteClients(source).reader.backup(to);
		} finally {
			await closeDatabase(source);
		}
		return;
	}
	await copyPostgresDatabase(from, to);
}

export { schema, sql };
export { insertInChunks } from './insert-chunks';
export { DatabaseBusyError, isDatabaseBusy } from './busy';
