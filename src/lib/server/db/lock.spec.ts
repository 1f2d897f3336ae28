import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { immediate, immediateWhenFree, lockWaitMs, openDatabase, type Db } from '.';

/** Two connections to one file, as two server processes (WORKERS=2) have. */
let dir: string;
let opened: Db[] = [];

function twoConnections(): [Db, Db] {
	dir = mkdtempSync(join(tmpdir(), 'lifecircle-lock-'));
	const file = join(dir, 'lock.db');
	opened = [openDatabase(file), openDatabase(file)];
	opened[0].run(sql`create table t (n integer)`);
	return [opened[0], opened[1]];
}

afterEach(() => {
	for (const db of opened) db.$client.close();
	opened = [];
	rmSync(dir, { recursive: true, force: true });
});

describe('immediateWhenFree', () => {
	it('waits for another connection’s write lock without blocking the event loop', async () => {
		const [other, db] = twoConnections();
		// the other process is in the middle of a write
		other.$client.exec('begin immediate');
		other.run(sql`insert into t values (1)`);

		let ticks = 0;
		const ticker = setInterval(() => ticks++, 1);
		const write = immediateWhenFree(
			db,
			(tx) => {
				tx.run(sql`insert into t values (2)`);
				return tx.get<{ n: number }>(sql`select count(*) as n from t`)!.n;
			},
			true
		);
		// the loop keeps turning while the lock is held elsewhere
		await new Promise((resolve) => setTimeout(resolve, 60));
		const ticksWhileHeld = ticks;
		other.$client.exec('commit');
		const seen = await write;
		clearInterval(ticker);

		expect(ticksWhileHeld).toBeGreaterThan(5);
		// it ran after the other commit, in its own transaction, and saw both rows
		expect(seen).toBe(2);
		// SQLite's own wait is set back for everyone else's synchronous writes
		expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(lockWaitMs);
	});

	it('rolls back and passes on an error of fn, as immediate() does', async () => {
		const [, db] = twoConnections();
		await expect(
			immediateWhenFree(
				db,
				(tx) => {
					tx.run(sql`insert into t values (3)`);
					throw new Error('refused');
				},
				true
			)
		).rejects.toThrow('refused');
		expect(db.get<{ n: number }>(sql`select count(*) as n from t`)!.n).toBe(0);
		expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(lockWaitMs);
		expect(immediate(db, (tx) => tx.run(sql`insert into t values (4)`).changes)).toBe(1);
	});
});
