// @sqlite-only: SQLite's own write lock between two connections to one file, as two server
// processes (WORKERS=2) have. PostgreSQL has no such lock (db/transaction.spec.ts tests its
// transactions); the PostgreSQL runs of the specs leave this file out (scripts/test-all.js).
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import {
	closeDatabase,
	DatabaseBusyError,
	exec,
	lockWaitMs,
	openDatabase,
	rows,
	transaction,
	type Db
} from '.';
import { sqliteClients, sqliteTransaction } from './sqlite';

let dir: string;
let opened: Db[] = [];

function twoConnections(): [Db, Db] {
	dir = mkdtempSync(join(tmpdir(), 'lifecircle-lock-'));
	const file = join(dir, 'lock.db');
	opened = [openDatabase(file), openDatabase(file)];
	sqliteClients(opened[0]).writer.exec('create table t (n integer)');
	return [opened[0], opened[1]];
}

const busyTimeout = (db: Db) => sqliteClients(db).writer.pragma('busy_timeout', { simple: true });
const countRows = async (db: Db) =>
	(await rows<{ n: number }>(db, sql`select count(*) as n from t`))[0].n;

afterEach(async () => {
	for (const db of opened) await closeDatabase(db);
	opened = [];
	rmSync(dir, { recursive: true, force: true });
});

describe('transaction() beside other writing processes', () => {
	it('waits for another connection’s write lock without blocking the event loop', async () => {
		const [other, db] = twoConnections();
		// the other process is in the middle of a write
		const otherWriter = sqliteClients(other).writer;
		otherWriter.exec('begin immediate');
		otherWriter.exec('insert into t values (1)');

		let ticks = 0;
		const ticker = setInterval(() => ticks++, 1);
		const write = sqliteTransaction(
			db,
			async (tx) => {
				await exec(tx, sql`insert into t values (2)`);
				return countRows(tx);
			},
			true
		);
		// the loop keeps turning while the lock is held elsewhere
		await new Promise((resolve) => setTimeout(resolve, 60));
		const ticksWhileHeld = ticks;
		otherWriter.exec('commit');
		const seen = await write;
		clearInterval(ticker);

		expect(ticksWhileHeld).toBeGreaterThan(5);
		// it ran after the other commit, in its own transaction, and saw both rows
		expect(seen).toBe(2);
		// SQLite's own wait is set back for everyone else's writes
		expect(busyTimeout(db)).toBe(lockWaitMs);
	});

	it('rolls back and passes on an error of fn', async () => {
		const [, db] = twoConnections();
		await expect(
			sqliteTransaction(
				db,
				async (tx) => {
					await exec(tx, sql`insert into t values (3)`);
					throw new Error('refused');
				},
				true
			)
		).rejects.toThrow('refused');
		expect(await countRows(db)).toBe(0);
		expect(busyTimeout(db)).toBe(lockWaitMs);
		expect(await transaction(db, (tx) => exec(tx, sql`insert into t values (4)`))).toBe(1);
	});

	it('refuses a write outside a transaction at once (the reading connection is query-only)', async () => {
		const [, db] = twoConnections();
		const error = await exec(db, sql`insert into t values (5)`).catch((e: Error) => e);
		// drizzle's error, caused by SQLite's
		expect(String((error as Error).cause)).toMatch(/readonly/);
	});
});

describe('a write lock that stays taken', () => {
	it('ends in DatabaseBusyError (answered 503), with nothing written', async () => {
		const [other, db] = twoConnections();
		const otherWriter = sqliteClients(other).writer;
		otherWriter.exec('begin immediate');
		// SQLite's own wait shortened for the test: the retries after it are what is tested
		sqliteClients(db).writer.pragma('busy_timeout = 5');
		try {
			await expect(
				sqliteTransaction(db, (tx) => exec(tx, sql`insert into t values (3)`), false)
			).rejects.toBeInstanceOf(DatabaseBusyError);
		} finally {
			otherWriter.exec('rollback');
			sqliteClients(db).writer.pragma(`busy_timeout = ${lockWaitMs}`);
		}
		expect(await countRows(db)).toBe(0);
	});
});
