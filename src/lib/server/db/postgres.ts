import pg from 'pg';
import { DatabaseBusyError } from './busy';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTransaction } from 'drizzle-orm/pg-core';
import * as tables from './schema/pg';
import { log } from '../log';
import type { Db } from './types';

// PostgreSQL behind the dialect-neutral data layer (index.ts): a node-postgres pool per process,
// drizzle's node-postgres driver over the pg-core twins of the tables (schema/pg), transactions at
// serializable isolation retried on serialization failures and deadlocks. Several processes and
// machines share one server: what must be shared (sessions, rate limits, outbox claims, slot counts)
// is in the database, and serializable transactions make each read-check-write atomic across them.

// int8 (count(*), sum() of integers, the bigint epoch-ms times) and numeric (sum()/avg() of some
// expressions) come back as JS numbers, as SQLite gives them; node-postgres gives strings by default.
// Epoch milliseconds and every count here are far below 2^53. Process-wide: drizzle's driver asks
// pg's global parsers for every type it does not parse itself.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

type PgDb = NodePgDatabase<typeof tables>;

interface Connection {
	pool: pg.Pool;
	url: string;
	/** a database openTestDatabase() created: emptied for the next one when closed (or dropped) */
	testDatabase?: TestDatabase;
	/** the end of the queue of this process's writing transactions on the pool */
	queue: Promise<void>;
}

const connections = new WeakMap<object, Connection>();

export function isPostgres(db: Db): boolean {
	return connections.has(db) || db instanceof PgTransaction;
}

/**
 * Opens a pool of at most poolSize connections to the database a postgres:// URL names; a query
 * waits up to waitMs for a free one.
 */
export function openPostgres(url: string, poolSize: number, waitMs = 30_000): Db {
	const pool = new pg.Pool({
		connectionString: url,
		max: poolSize,
		idleTimeoutMillis: 30_000,
		// a query waits this long for a free connection, then fails (rather than hang for ever when,
		// say, a transaction waits for another connection that only it could free)
		connectionTimeoutMillis: waitMs,
		// idle connections do not keep a script's process alive
		allowExitOnIdle: true
	});
	// an idle connection the server closed (a restart, a failover) is dropped from the pool; without a
	// listener the error would end the process
	pool.on('error', (error) => log.warn('postgres idle connection lost', { error: error.message }));
	const db = drizzle(pool, { schema: tables }) as unknown as Db;
	connections.set(db, { pool, url, queue: Promise.resolve() });
	return db;
}

function connectionOf(db: Db): Connection {
	const connection = connections.get(db);
	if (!connection)
		throw new Error('not a PostgreSQL connection of the data layer (a transaction?)');
	return connection;
}

/**
 * A text that changes whenever a transaction that writes has begun or ended anywhere on the server
 * (the current snapshot: its horizon moves when a writing transaction takes an id, its list of
 * running ones when one commits or rolls back); reading transactions take no id and leave it.
 * Other databases of the cluster move it too: that only makes a cache keyed by it miss more.
 */
export async function postgresCommittedVersion(db: Db): Promise<string> {
	const [row] = await postgresRows<{ snapshot: string }>(
		db,
		sql`select pg_current_snapshot()::text as snapshot`
	);
	return row.snapshot;
}

/** The postgres:// URL a connection was opened with. */
export function postgresUrlOf(db: Db): string {
	return connectionOf(db).url;
}

export async function closePostgres(db: Db): Promise<void> {
	const connection = connections.get(db);
	if (!connection) return;
	connections.delete(db);
	await connection.pool.end();
	if (connection.testDatabase) await releaseTestDatabase(connection.testDatabase);
}

/** Transactions of this process run again after a serialization failure or deadlock (metrics, tests). */
export const postgresRetries = { count: 0 };

/**
 * How long a transaction keeps being run again after serialization failures or deadlocks before the
 * failure is passed on as DatabaseBusyError (answered 503), in ms (an object: tests shorten it). A time, not a count: under a rush on one row (two hundred people
 * booking one slot, from several servers) each round lets one of the colliding transactions commit,
 * so an unlucky one may need many rounds; SQLite's writers likewise wait up to lockWaitMs and more.
 */
export const retryBudget = { ms: 10_000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A serialization failure (40001) or a deadlock (40P01): the transaction may succeed if run again. */
export function isRetryable(error: unknown): boolean {
	for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
		if (e.code === '40001' || e.code === '40P01') return true;
		if (typeof e !== 'object') break;
	}
	return false;
}

/**
 * Runs fn in one serializable transaction on a pooled connection: PostgreSQL then guarantees the
 * outcome of some one-at-a-time order of the transactions, across processes and machines, and
 * refuses (40001) one that could not be placed in such an order; it is run again after a jittered,
 * growing pause (1, 2, 4 … 50 ms), for up to retryBudget.ms; then DatabaseBusyError (a 503). Given a transaction, fn joins it.
 */
export async function postgresTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	if (db instanceof PgTransaction) return fn(db);
	const connection = connectionOf(db);
	// One writing transaction at a time per process, as on SQLite: transactions of one process that
	// touch the same rows (or, under serializable isolation, the same index pages) would otherwise
	// refuse each other and run again and again — measured under booking load: 129 transactions rolled
	// back for 28 answers, and answers past the retry budget. Serialization failures then come only
	// from other processes and machines. Reads outside transactions do not wait.
	const previous = connection.queue;
	let release!: () => void;
	connection.queue = new Promise<void>((resolve) => (release = resolve));
	await previous;
	try {
		const client = db as unknown as PgDb;
		const until = performance.now() + retryBudget.ms;
		for (let attempt = 0; ; attempt++) {
			try {
				return await client.transaction((tx) => fn(tx as unknown as Db), {
					isolationLevel: 'serializable'
				});
			} catch (error) {
				if (!isRetryable(error)) throw error;
				if (performance.now() > until) throw new DatabaseBusyError(error);
				postgresRetries.count++;
				await sleep(Math.min(50, 2 ** attempt) * Math.random());
			}
		}
	} finally {
		release();
	}
}

/** fn's reads on one snapshot: a read-only repeatable-read transaction (never retried: it writes nothing). */
export function postgresSnapshot<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	if (db instanceof PgTransaction) return fn(db);
	return (db as unknown as PgDb).transaction((tx) => fn(tx as unknown as Db), {
		isolationLevel: 'repeatable read',
		accessMode: 'read only'
	});
}

export async function postgresRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
	const result = await (db as unknown as PgDb).execute(query);
	return result.rows as T[];
}

export async function postgresExec(db: Db, query: ReturnType<typeof sql>): Promise<number> {
	const result = await (db as unknown as PgDb).execute(query);
	return result.rowCount ?? 0;
}

/** Any fixed number: the key of the advisory lock that lets one process at a time migrate. */
const migrationLock = 7_201_616;

/**
 * Applies drizzle/postgres's migrations. Several app servers starting at once would each try: a
 * session-level advisory lock lets one migrate while the others wait, then find nothing to do.
 */
export async function migratePostgres(db: Db, migrationsFolder: string): Promise<void> {
	const client = await connectionOf(db).pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [migrationLock]);
		try {
			await migrate(drizzle(client), { migrationsFolder });
		} finally {
			await client.query('select pg_advisory_unlock($1)', [migrationLock]);
		}
	} finally {
		client.release();
	}
}

/** The key of the start-up lock (startupLock in index.ts); not the migrations' (a second session would wait for it). */
const startupLockKey = 7_201_618;

/**
 * Runs fn holding a session-level advisory lock on a connection of its own (fn's queries use the
 * pool's other connections): of several app servers starting at once, one runs fn at a time.
 */
export async function withStartupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
	const client = await connectionOf(db).pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [startupLockKey]);
		try {
			return await fn();
		} finally {
			await client.query('select pg_advisory_unlock($1)', [startupLockKey]);
		}
	} finally {
		client.release();
	}
}

/**
 * After rows were inserted with explicit ids (a restore, an import, the demo seed): every identity
 * sequence moves past the largest id in its table, so the next insert without an id does not collide.
 */
export async function resetPostgresIdentities(db: Db): Promise<void> {
	await postgresExec(
		db,
		sql.raw(`do $$ declare r record; begin
	for r in select table_name, column_name from information_schema.columns
		where table_schema = current_schema() and is_identity = 'YES' loop
		execute format('select setval(pg_get_serial_sequence(%L, %L), coalesce((select max(%I) from %I), 0) + 1, false)',
			quote_ident(r.table_name), r.column_name, r.column_name, r.table_name);
	end loop;
end $$`)
	);
}

// The PostgreSQL runs of the specs: TEST_DATABASE_URL names a database on a server the tests may use
// as they like (scripts/postgres-test-server.js starts a throw-away one). openTestDatabase() gives a
// new, empty, migrated database per call: a copy of a template database migrated once for the
// current migrations (its name carries their hash, so a changed migration makes a new one), or one
// this process copied before and emptied again when it was closed. Copying (CREATE DATABASE …
// TEMPLATE) writes the whole ~10 MB database: ~100–300 ms and most of the server's CPU in a run of
// the specs, which open hundreds; emptying the few rows a test wrote is one round trip of ~2 ms.

/** The hash of drizzle/postgres's migrations (the template database's name carries it). */
function migrationsHash(folder: string): string {
	const hash = createHash('sha256');
	for (const file of readdirSync(folder).sort()) {
		if (file.endsWith('.sql')) hash.update(file).update(readFileSync(join(folder, file)));
	}
	hash.update(readFileSync(join(folder, 'meta', '_journal.json')));
	return hash.digest('hex').slice(0, 16);
}

function withDatabase(url: string, database: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

interface TestDatabase {
	name: string;
	adminUrl: string;
	template: string;
}

const templateLock = 7_201_617;
let testDatabases = 0;

/**
 * How a copy of a template is made as new again, learnt from a fresh copy: `shape` (a digest of
 * the catalog of its schemas: tables, columns, defaults, constraints, indexes, triggers, functions)
 * and `empty`, the statements that delete every table's rows, set every sequence back and insert
 * again the rows the migrations wrote (the meta table's public data version).
 */
interface Emptying {
	shape: string;
	empty: string;
}
const emptyings = new Map<string, Promise<Emptying>>();
/** Databases this process copied and emptied again, ready for the next openTestDatabase(). */
const spareTestDatabases: TestDatabase[] = [];

/** A digest of everything in the database's own schemas that is not rows: DDL changes it. */
const shapeQuery = `select md5(string_agg(item, E'\\n' order by item)) as shape from (
	select format('n %s', nspname) as item from pg_namespace
		where nspname not like 'pg\\_%' and nspname <> 'information_schema'
	union all select format('c %s.%s %s %s', relnamespace::regnamespace, relname, relkind, relpersistence)
		from pg_class where relnamespace::regnamespace::text not like 'pg\\_%'
			and relnamespace <> 'information_schema'::regnamespace
	union all select format('a %s.%s %s %s %s %s %s %s', c.relnamespace::regnamespace, c.relname,
		a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, a.attgenerated,
		pg_get_expr(d.adbin, d.adrelid))
		from pg_attribute a join pg_class c on c.oid = a.attrelid
		left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
		where a.attnum > 0 and not a.attisdropped
			and c.relnamespace::regnamespace::text not like 'pg\\_%'
			and c.relnamespace <> 'information_schema'::regnamespace
	union all select format('k %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
		from pg_constraint where connamespace::regnamespace::text not like 'pg\\_%'
			and connamespace <> 'information_schema'::regnamespace
	union all select format('i %s', pg_get_indexdef(indexrelid)) from pg_index where indrelid >= 16384
	union all select format('t %s %s', tgenabled, pg_get_triggerdef(oid)) from pg_trigger
		where not tgisinternal
	union all select format('f %s %s', oid::regprocedure, md5(prosrc)) from pg_proc
		where pronamespace::regnamespace::text not like 'pg\\_%'
			and pronamespace <> 'information_schema'::regnamespace
) items`;

/** Learns how to empty copies of a template from a fresh copy (connected as client). */
async function learnEmptying(client: pg.Client): Promise<Emptying> {
	const [{ shape }] = (await client.query(shapeQuery)).rows;
	const { rows: tableRows } = await client.query(
		`select format('%I.%I', schemaname, tablename) as name from pg_tables
		where schemaname = current_schema() order by 1`
	);
	const statements = ['set session_replication_role = replica'];
	for (const { name } of tableRows) {
		statements.push(`delete from ${name}`);
		// the rows the migrations wrote, as they are in the copy
		const [{ rows, count }] = (
			await client.query(`select json_agg(t)::text as rows, count(*) from ${name} t`)
		).rows;
		if (Number(count) > 0)
			statements.push(
				`insert into ${name} overriding system value ` +
					`select * from json_populate_recordset(null::${name}, ${quoteLiteral(rows)})`
			);
	}
	statements.push('set session_replication_role = origin');
	const { rows: sequences } = await client.query(
		`select format('%I.%I', schemaname, sequencename) as name, start_value from pg_sequences
		where schemaname = current_schema()`
	);
	for (const { name } of sequences) {
		const [{ last_value, is_called }] = (
			await client.query(`select last_value, is_called from ${name}`)
		).rows;
		statements.push(`select setval(${quoteLiteral(name)}, ${Number(last_value)}, ${is_called})`);
	}
	return { shape, empty: statements.join(';\n') };
}

function quoteLiteral(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A new, migrated, empty database on the server TEST_DATABASE_URL names, as a data-layer connection;
 * given `from` (keepPostgresTestDatabase), a copy of that one's contents instead.
 */
export async function openPostgresTestDatabase(
	adminUrl: string,
	migrationsFolder: string,
	from?: string
): Promise<Db> {
	const template = `lifecircle_template_${migrationsHash(migrationsFolder)}`;
	const spare = from
		? -1
		: spareTestDatabases.findIndex((d) => d.adminUrl === adminUrl && d.template === template);
	const testDatabase =
		spare >= 0
			? spareTestDatabases.splice(spare, 1)[0]
			: await copyTemplate(adminUrl, migrationsFolder, template, from);
	// a spec runs its queries one after another: a small pool keeps a run's connections few
	const db = openPostgres(withDatabase(adminUrl, testDatabase.name), 4, 10_000);
	connectionOf(db).testDatabase = testDatabase;
	return db;
}

let keptDatabases = 0;

/**
 * Closes a test database and keeps it as it is, under a new name (`name` or one of this process's),
 * for copies of its contents (openPostgresTestDatabase(…, name)): a spec's fixture made once (the
 * demo city) and copied for each spec that reads it. Kept until dropped or the server is removed.
 */
export async function keepPostgresTestDatabase(db: Db, name?: string): Promise<string> {
	const connection = connectionOf(db);
	const testDatabase = connection.testDatabase;
	if (!testDatabase) throw new Error('keepPostgresTestDatabase: not a test database');
	connections.delete(db);
	await connection.pool.end();
	const kept =
		name ?? `lifecircle_kept_${process.pid}_${Date.now().toString(36)}_${keptDatabases++}`;
	await withAdmin(testDatabase.adminUrl, async (admin) => {
		await admin.query(
			`select pg_terminate_backend(pid, 10000) from pg_stat_activity where datname = $1`,
			[testDatabase.name]
		);
		await admin.query(`alter database "${testDatabase.name}" rename to "${kept}"`);
	});
	return kept;
}

async function copyTemplate(
	adminUrl: string,
	migrationsFolder: string,
	template: string,
	from = template
): Promise<TestDatabase> {
	const name = `lifecircle_test_${process.pid}_${Date.now().toString(36)}_${testDatabases++}`;
	await withAdmin(adminUrl, async (admin) => {
		// the first spec file of a run makes the template; the others wait for it
		await admin.query('select pg_advisory_lock($1)', [templateLock]);
		try {
			const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [
				template
			]);
			if (!rowCount) {
				await admin.query(`drop database if exists "${template}_new" with (force)`);
				await admin.query(`create database "${template}_new"`);
				const db = openPostgres(withDatabase(adminUrl, `${template}_new`), 1);
				try {
					await migratePostgres(db, migrationsFolder);
				} finally {
					await closePostgres(db);
				}
				// renamed only once migrated: a run that failed half-way leaves no broken template
				await admin.query(`alter database "${template}_new" rename to "${template}"`);
			}
		} finally {
			await admin.query('select pg_advisory_unlock($1)', [templateLock]);
		}
		await admin.query(`create database "${name}" template "${from}"`);
	});
	const url = withDatabase(adminUrl, name);
	// learnt from a fresh copy of the template itself (a kept database's rows are a spec's)
	if (from === template && !emptyings.has(template)) {
		const learnt = withAdmin(url, learnEmptying);
		emptyings.set(template, learnt);
		learnt.catch(() => emptyings.delete(template));
		await learnt;
	}
	return { name, adminUrl, template };
}

/**
 * A closed test database: emptied and kept for the next openTestDatabase() of this process when
 * only rows changed (its catalog is the template's), else dropped. Any connection still open to it
 * (a worker thread's) is ended first, as DROP DATABASE … WITH (FORCE) did.
 */
async function releaseTestDatabase(testDatabase: TestDatabase): Promise<void> {
	const emptying = await emptyings.get(testDatabase.template)?.catch(() => undefined);
	if (emptying) {
		try {
			const kept = await withAdmin(
				withDatabase(testDatabase.adminUrl, testDatabase.name),
				async (client) => {
					await client.query(
						`select pg_terminate_backend(pid, 10000) from pg_stat_activity
						where datname = current_database() and pid <> pg_backend_pid()`
					);
					const [{ shape }] = (await client.query(shapeQuery)).rows;
					if (shape !== emptying.shape) return false;
					await client.query(emptying.empty);
					return true;
				}
			);
			if (kept) {
				spareTestDatabases.push(testDatabase);
				return;
			}
		} catch {
			// dropped below
		}
	}
	await dropDatabase(testDatabase);
}

async function dropDatabase({ name, adminUrl }: TestDatabase): Promise<void> {
	await withAdmin(adminUrl, (admin) =>
		admin.query(`drop database if exists "${name}" with (force)`)
	);
}

/**
 * A consistent copy of one database into another on the same server (dropped and created anew):
 * pg_dump's snapshot restored with pg_restore, while the source's servers keep writing. (CREATE
 * DATABASE … TEMPLATE would need the source to have no connection.)
 */
export async function copyPostgresDatabase(from: string, to: string): Promise<void> {
	const name = decodeURIComponent(new URL(to).pathname.slice(1));
	await withAdmin(withDatabase(to, 'postgres'), async (admin) => {
		await admin.query(`drop database if exists "${name}" with (force)`);
		await admin.query(`create database "${name}"`);
	});
	const dump = spawnSync('pg_dump', ['--format=custom', from], { maxBuffer: 1 << 30 });
	if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr}`);
	const restore = spawnSync('pg_restore', ['--no-owner', `--dbname=${to}`], {
		input: dump.stdout,
		maxBuffer: 1 << 30
	});
	if (restore.status !== 0) throw new Error(`pg_restore failed: ${restore.stderr}`);
}
