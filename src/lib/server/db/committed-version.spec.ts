import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import {
	closeDatabase,
	committedVersion,
	databaseUrlOf,
	dialectOf,
	migrateDatabase,
	openDatabase,
	openTestDatabase,
	schema,
	transaction,
	type Db
} from '.';

// committedVersion keys what the page cache keeps (server/page-cache): a commit it does not see
// would serve a page from before it, so every kind of commit is tried, from this connection and
// from another one (another server process or machine), on both backends.

const { meta } = schema;
let opened: Db[] = [];
let dir: string | undefined;

afterEach(async () => {
	for (const db of opened.reverse()) await closeDatabase(db);
	opened = [];
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

/** The database of the run and a second connection to it, as a second process would open. */
async function twoConnections(): Promise<[Db, Db]> {
	const first = await openTestDatabase();
	opened.push(first);
	if (dialectOf(first) === 'postgres') {
		const second = openDatabase(databaseUrlOf(first)!, 2);
		opened.push(second);
		return [first, second];
	}
	// an in-memory SQLite database has one connection: two processes share a file
	dir = mkdtempSync(join(tmpdir(), 'lifecircle-version-'));
	const file = join(dir, 'version.db');
	const [a, b] = [openDatabase(file), openDatabase(file)];
	opened.push(a, b);
	await migrateDatabase(a);
	return [a, b];
}

const write = (db: Db, key: string, value: string) =>
	transaction(db, async (tx) => {
		await tx.insert(meta).values({ key, value }).onConflictDoUpdate({
			target: meta.key,
			set: { value }
		});
	});

describe('committedVersion', () => {
	it('stays while only reads happen, and moves with every commit of this connection', async () => {
		const db = await openTestDatabase();
		opened.push(db);
		// reads leave it: on PostgreSQL the other spec files' transactions on the shared test cluster
		// move it too (it is the server's snapshot), so the reads are tried until a quiet moment
		let quiet = false;
		for (let i = 0; i < 100 && !quiet; i++) {
			const before = await committedVersion(db);
			await db.select().from(meta);
			await transaction(db, async (tx) => tx.select().from(meta).limit(1));
			quiet = (await committedVersion(db)) === before;
		}
		expect(quiet).toBe(true);
		const start = await committedVersion(db);

		await write(db, 'spec', 'one');
		const afterInsert = await committedVersion(db);
		expect(afterInsert).not.toBe(start);

		await transaction(db, async (tx) => {
			await tx.update(meta).set({ value: 'two' }).where(eq(meta.key, 'spec'));
		});
		const afterUpdate = await committedVersion(db);
		expect(afterUpdate).not.toBe(afterInsert);

		await transaction(db, async (tx) => {
			await tx.delete(meta).where(eq(meta.key, 'spec'));
		});
		expect(await committedVersion(db)).not.toBe(afterUpdate);
	});

	it('moves with a commit made on another connection to the same database', async () => {
		const [db, other] = await twoConnections();
		const start = await committedVersion(db);
		await write(other, 'other process', 'wrote');
		const after = await committedVersion(db);
		expect(after).not.toBe(start);
		// and the other way round
		const otherStart = await committedVersion(other);
		await write(db, 'this process', 'wrote');
		expect(await committedVersion(other)).not.toBe(otherStart);
		// a file's own writer is another connection than its reader: its commits move it too
		expect(await committedVersion(db)).not.toBe(after);
	});

	it('does not move while another connection has a write under way, and moves when it commits', async () => {
		const [db, other] = await twoConnections();
		let commit!: () => void;
		const held = new Promise<void>((resolve) => (commit = resolve));
		let begun!: () => void;
		const inside = new Promise<void>((resolve) => (begun = resolve));
		const writing = transaction(other, async (tx) => {
			await tx.insert(meta).values({ key: 'slow', value: 'x' });
			begun();
			await held;
		});
		await inside;
		const during = await committedVersion(db);
		commit();
		await writing;
		expect(await committedVersion(db)).not.toBe(during);
	});
});
