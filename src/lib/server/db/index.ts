import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { setting } from '../config';

/** SQLite's own wait for the write lock (busy_timeout) inside a synchronous call, in ms */
export const lockWaitMs = 5000;

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
	return setting('DATABASE_URL');
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
	client.pragma(`busy_timeout = ${lockWaitMs}`);
	// Checkpoints (copying the WAL back into the database, with an fsync) run inside whichever commit
	// crosses the limit. Every 8000 pages (32 MB) instead of SQLite's 1000 made booking ~35% faster
	// under load (tests/load/load.ts); the WAL is truncated back to 64 MB at most after each one.
	// Durability is unchanged: a commit is in the WAL either way.
	client.pragma('wal_autocheckpoint = 8000');
	client.pragma('journal_size_limit = 67108864');
	cacheStatements(client);
	return drizzle(client, { schema }) as Db;
}

const statementCacheSize = 500;

/**
 * drizzle prepares every query it has not been asked to keep prepared again on each call, and SQLite's
 * prepare costs more than running a small query (about a third of a simple page's load). Statements
 * are reusable, so the connection keeps the most recently used ones by their SQL text. drizzle switches
 * a statement to raw (array) rows for its own mapping and never back, so a reused one is reset to
 * object rows: whoever prepares it sets the mode it needs.
 */
function cacheStatements(client: Database.Database): void {
	const prepare = client.prepare.bind(client);
	const cache = new Map<string, Database.Statement>();
	client.prepare = ((source: string) => {
		let statement = cache.get(source);
		if (statement) {
			// most recently used last, so the first entry is the one to drop
			cache.delete(source);
			if (statement.reader) statement.raw(false);
		} else {
			statement = prepare(source);
			if (cache.size >= statementCacheSize) cache.delete(cache.keys().next().value!);
		}
		cache.set(source, statement);
		return statement;
	}) as typeof client.prepare;
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

const busyRetries = 5;
const pause = new Int32Array(new SharedArrayBuffer(4));

function isBusy(error: unknown): boolean {
	const code = (error as { code?: string } | null)?.code;
	return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/**
 * Runs fn in a BEGIN IMMEDIATE transaction: the write lock is taken first, so read-check-write is atomic.
 * busy_timeout already waits for other processes; if the lock is still busy after it, the transaction is
 * retried a few times (with a short jittered pause) so that "database is locked" never reaches a user.
 * The wait blocks this process's event loop (better-sqlite3 is synchronous): with WORKERS > 1 use
 * immediateWhenFree on paths that many requests take (booking), and keep this for the rare writes.
 */
export function immediate<T>(db: Db, fn: (tx: Db) => T): T {
	const run = db.$client.transaction(() => fn(db));
	for (let attempt = 0; ; attempt++) {
		try {
			return run.immediate();
		} catch (error) {
			if (!isBusy(error) || attempt >= busyRetries) throw error;
			Atomics.wait(pause, 0, 0, 20 + Math.random() * 50 * (attempt + 1));
		}
	}
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * immediate() without blocking the event loop while another process (a cluster worker of WORKERS > 1:
 * `otherWriters`) holds the write lock: each try
 * takes the lock without SQLite's wait (busy_timeout 0, set back at once: nothing else runs in
 * between), and a busy one waits for the next turn of the event loop, then 1, 2, 4, 8 ms (jittered),
 * serving other requests meanwhile. After lockWaitMs of that it falls back to immediate()'s blocking
 * wait, so the outcome is the same as immediate()'s; fn itself runs synchronously in the transaction.
 * Measured with WORKERS=2 under booking load: tests/load/load.ts (README "Performance under load").
 */
export async function immediateWhenFree<T>(
	db: Db,
	fn: (tx: Db) => T,
	otherWriters: boolean = cluster.isWorker
): Promise<T> {
	// one server process (WORKERS=1) has no other writer but a rare CLI script (backup, import): the
	// plain transaction, without the two pragma calls per try (~15 µs) spent for nothing
	if (!otherWriters) return immediate(db, fn);
	const client = db.$client;
	const run = client.transaction(() => fn(db));
	const until = performance.now() + lockWaitMs;
	for (let attempt = 0; performance.now() < until; attempt++) {
		// through pragma(), which compiles the statement each time: SQLite applies some pragmas when
		// they are compiled, so a kept prepared one does not set the value again (~7 µs each)
		client.pragma('busy_timeout = 0');
		try {
			return run.immediate();
		} catch (error) {
			if (!isBusy(error)) throw error;
		} finally {
			client.pragma(`busy_timeout = ${lockWaitMs}`);
		}
		if (attempt === 0) await nextTurn();
		else await sleep(Math.min(8, 2 ** (attempt - 1)) * (0.5 + Math.random()));
	}
	return immediate(db, fn);
}

export function closeDb(): void {
	current?.$client.close();
	current = undefined;
}

export { schema };
