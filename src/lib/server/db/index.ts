import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const defaultDatabasePath = './data/lifecircle.db';

export function databasePath(): string {
	return process.env.DATABASE_URL?.replace(/^file:/, '') || defaultDatabasePath;
}

/** Opens a SQLite file with the pragmas every connection needs (WAL, foreign keys, busy wait). */
export function openDatabase(file: string = databasePath()): Db {
	if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
	const client = new Database(file);
	client.pragma('journal_mode = WAL');
	// NORMAL in WAL mode is durable against process crashes (only an OS crash can lose the last commits).
	client.pragma('synchronous = NORMAL');
	client.pragma('foreign_keys = ON');
	// Several server processes may share the file: wait for the write lock rather than fail.
	client.pragma('busy_timeout = 5000');
	return drizzle(client, { schema }) as Db;
}

export function migrateDatabase(db: Db, migrationsFolder = resolve('drizzle')): void {
	migrate(db, { migrationsFolder });
}

let current: Db | undefined;

/** The process-wide connection, opened on first use (never at build time). */
export function getDb(): Db {
	current ??= openDatabase();
	return current;
}

/** Runs fn in a BEGIN IMMEDIATE transaction: the write lock is taken first, so read-check-write is atomic. */
export function immediate<T>(fn: (tx: Db) => T): T {
	const db = getDb();
	return db.$client.transaction(() => fn(db)).immediate();
}

export function closeDb(): void {
	current?.$client.close();
	current = undefined;
}

export { schema };
