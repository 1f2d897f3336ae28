import Database from 'better-sqlite3';
import { DatabaseBusyError } from './busy';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
// the module's own, which a test's fake timers leave alone
import { setImmediate as nextLoopTurn } from 'node:timers';
import * as schema from './schema/sqlite';
import type { Db } from './types';

// SQLite behind the dialect-neutral data layer (index.ts). One file, two connections per process:
// requests read on a query-only connection, and transaction() writes on its own connection, one
// transaction at a time in this process (other processes wait for SQLite's write lock); those asked
// for in the same turn of the event loop are committed together (group commit: sqliteTransaction). Reads never
// see another request's uncommitted writes, and a write outside transaction() fails at once
// ("attempt to write a readonly database") instead of waiting for the write lock while holding the
// event loop that the lock's holder needs to finish.

/** SQLite's own wait for the write lock (busy_timeout) inside a synchronous call, in ms */
export const lockWaitMs = 5000;

interface Job {
	fn: (tx: Db) => Promise<unknown>;
	otherWriters: boolean;
	resolve: (result: unknown) => void;
	reject: (error: unknown) => void;
}

interface Writer {
	db: Db;
	/** this process's transactions waiting for the connection, in order */
	waiting: Job[];
	/** a group of them is running or about to */
	draining: boolean;
	/** a transaction is open on the connection: transaction() on it joins the open one */
	open: boolean;
}

const writers = new WeakMap<object, Writer>();

function connect(file: string | Buffer, readOnly: boolean): Database.Database {
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
	if (readOnly) client.pragma('query_only = ON');
	cacheStatements(client);
	return client;
}

/**
 * Opens a SQLite file (or ':memory:', or the bytes of sqliteImage() as a new in-memory database: one
 * connection for reads and writes, as tests and the coverage worker use) with the pragmas
 * every connection needs. The reading connection is returned; transaction() finds the writing one.
 */
export function openSqlite(file: string | Buffer): Db {
	const memory = typeof file !== 'string' || file === ':memory:';
	if (!memory) mkdirSync(dirname(resolve(file)), { recursive: true });
	// the writer first: it creates the file and sets WAL mode before a query-only connection opens it
	const writerClient = connect(file, false);
	const writer = drizzle(writerClient, { schema }) as unknown as Db;
	const reader = memory ? writer : (drizzle(connect(file, true), { schema }) as unknown as Db);
	const state: Writer = { db: writer, waiting: [], draining: false, open: false };
	writers.set(reader, state);
	writers.set(writer, state);
	return reader;
}

/** The better-sqlite3 connections behind a Db (db layer only: pragmas, backup, close). */
export function sqliteClients(db: Db): { reader: Database.Database; writer: Database.Database } {
	const state = writers.get(db);
	if (!state) throw new Error('not a SQLite connection of the data layer');
	return { reader: clientOf(db), writer: clientOf(state.db) };
}

/** The writing connection behind a Db (db layer only: migrations). */
export function sqliteWriter(db: Db): Db {
	const state = writers.get(db);
	if (!state) throw new Error('not a SQLite connection of the data layer');
	return state.db;
}

export function clientOf(db: Db): Database.Database {
	return (db as unknown as { $client: Database.Database }).$client;
}

/** The file behind a SQLite connection, or undefined for an in-memory database. */
export function sqliteFileOf(db: Db): string | undefined {
	const client = sqliteClients(db).writer;
	return client.memory ? undefined : client.name;
}

/** The whole of a SQLite database as bytes (SQLite's serialize: an in-memory one's copy for a worker). */
export function sqliteImage(db: Db): Uint8Array {
	return sqliteClients(db).writer.serialize();
}

export function isSqlite(db: Db): boolean {
	return writers.has(db);
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

const busyRetries = 5;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isBusy(error: unknown): boolean {
	const code = (error as { code?: string } | null)?.code;
	return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/**
 * Takes SQLite's write lock (BEGIN IMMEDIATE). With other writing processes (a cluster worker of
 * WORKERS > 1) each try takes it without SQLite's wait (busy_timeout 0, set back at once) and a busy
 * one waits for the next turn of the event loop, then 1, 2, 4, 8 ms (jittered), serving other
 * requests meanwhile; after lockWaitMs of that, and in a single process (only a rare CLI script
 * writes beside it), SQLite's own blocking wait, retried a few times.
 */
async function begin(client: Database.Database, otherWriters: boolean): Promise<void> {
	if (otherWriters) {
		const until = performance.now() + lockWaitMs;
		for (let attempt = 0; performance.now() < until; attempt++) {
			// through pragma(), which compiles the statement each time: SQLite applies some pragmas when
			// they are compiled, so a kept prepared one does not set the value again (~7 µs each)
			client.pragma('busy_timeout = 0');
			try {
				client.exec('BEGIN IMMEDIATE');
				return;
			} catch (error) {
				if (!isBusy(error)) throw error;
			} finally {
				client.pragma(`busy_timeout = ${lockWaitMs}`);
			}
			if (attempt === 0) await nextTurn();
			else await sleep(Math.min(8, 2 ** (attempt - 1)) * (0.5 + Math.random()));
		}
	}
	for (let attempt = 0; ; attempt++) {
		try {
			client.exec('BEGIN IMMEDIATE');
			return;
		} catch (error) {
			if (!isBusy(error)) throw error;
			if (attempt >= busyRetries) throw new DatabaseBusyError(error);
			await sleep(20 + Math.random() * 50 * (attempt + 1));
		}
	}
}

/** the most transactions committed together (a group holds the write lock for all of them) */
const maxGroup = 32;

/**
 * Runs fn in one SQLite transaction on the writing connection, holding the write lock from the
 * start (read-check-write is atomic). fn's queries must use the tx it is given. Called with a tx
 * (a verb calling another inside a transaction), fn joins the open transaction.
 *
 * Group commit: the transactions that this process's requests ask for in the same turn of the event
 * loop run one after the other in one SQLite transaction, each in its own savepoint, and are
 * committed together. Each still sees the ones before it and is undone alone when it fails (rolled
 * back to its savepoint); none returns before the commit that makes it durable. One commit (a WAL
 * write of the pages they share, the lock taken once) instead of one per transaction. Should SQLite
 * have rolled back the whole transaction (disk full, I/O error), the others of the group run again
 * in a new one (fn may be run again, as on PostgreSQL).
 */
export function sqliteTransaction<T>(
	db: Db,
	fn: (tx: Db) => Promise<T>,
	otherWriters: boolean = cluster.isWorker
): Promise<T> {
	const state = writers.get(db);
	if (!state) return Promise.reject(new Error('not a SQLite connection of the data layer'));
	if (state.open && db === state.db) return fn(state.db);
	return new Promise<T>((resolve, reject) => {
		state.waiting.push({
			fn,
			otherWriters,
			resolve: resolve as (result: unknown) => void,
			reject
		});
		if (!state.draining) {
			state.draining = true;
			// the rest of this turn's requests join the group
			nextLoopTurn(() => void drain(state));
		}
	});
}

async function drain(state: Writer): Promise<void> {
	try {
		while (state.waiting.length > 0) await runGroup(state);
	} finally {
		state.draining = false;
	}
}

async function runGroup(state: Writer): Promise<void> {
	const client = clientOf(state.db);
	try {
		await begin(
			client,
			state.waiting.some((job) => job.otherWriters)
		);
	} catch (error) {
		for (const job of state.waiting.splice(0)) job.reject(error);
		return;
	}
	// taken once the lock is held: those asked for while another process held it join this group
	const group = state.waiting.splice(0, maxGroup);
	const alone = group.length === 1;
	const done: [Job, unknown][] = [];
	const again: Job[] = [];
	state.open = true;
	try {
		for (const [i, job] of group.entries()) {
			if (!alone) client.exec('SAVEPOINT grouped');
			try {
				done.push([job, await job.fn(state.db)]);
				if (!alone) client.exec('RELEASE grouped');
			} catch (error) {
				if (client.inTransaction)
					client.exec(alone ? 'ROLLBACK' : 'ROLLBACK TO grouped; RELEASE grouped');
				job.reject(error);
				if (!client.inTransaction && !alone) {
					// SQLite undid the whole transaction: the others again, in a new one
					again.push(...done.map(([other]) => other), ...group.slice(i + 1));
					done.length = 0;
					break;
				}
			}
		}
	} finally {
		state.open = false;
	}
	if (client.inTransaction) {
		try {
			client.exec('COMMIT');
		} catch (error) {
			if (client.inTransaction) client.exec('ROLLBACK');
			for (const [job] of done) job.reject(error);
			done.length = 0;
		}
	}
	for (const [job, result] of done) job.resolve(result);
	if (again.length > 0) state.waiting.unshift(...again);
}

/**
 * A text that changes whenever a commit may have changed what a read sees, from this process or any
 * other on the same file: the reading connection's data_version moves with every other
 * connection's commit (this process's writer included). An in-memory database reads and writes on
 * one connection, whose data_version does not move for itself: there, the rows it has changed.
 */
export function sqliteCommittedVersion(db: Db): string {
	const { reader, writer } = sqliteClients(db);
	if (reader === writer) return `changes ${writer.prepare('select total_changes()').pluck().get()}`;
	return `data ${reader.pragma('data_version', { simple: true })}`;
}

export function closeSqlite(db: Db): void {
	const state = writers.get(db);
	if (!state) return;
	const reader = clientOf(db);
	const writer = clientOf(state.db);
	if (reader !== writer && reader.open) reader.close();
	if (writer.open) writer.close();
}
