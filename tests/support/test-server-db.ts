/**
 * The database of the Playwright test server, reached through the data layer, so the same checks run
 * whether the server under test uses a SQLite file or PostgreSQL.
 */
import { count, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { closeDatabase, dialectOfUrl, openDatabase, type Db } from '../../src/lib/server/db';

/**
 * Where the test server's data lives, read in this one place: playwright.config.ts sets
 * TEST_SERVER_DATABASE_URL (a file, or postgres://…); before that name, TEST_DATABASE_URL held the file.
 */
export function testServerDatabaseUrl(): string {
	return (
		process.env.TEST_SERVER_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'tests/output/e2e.db'
	);
}

/**
 * Runs fn on a connection of its own to the test server's database, closed afterwards (as the tests
 * opened and closed the file around each check before). Writes go through transaction(db, …).
 */
export async function withServerDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
	const db = openDatabase(testServerDatabaseUrl());
	try {
		return await fn(db);
	} finally {
		await closeDatabase(db);
	}
}

/** The number of rows of a table in the test server's database (where given: those matching it). */
export function countRows(table: SQLiteTable, where?: SQL): Promise<number> {
	return withServerDb(async (db) => {
		const [row] = await db.select({ n: count() }).from(table).where(where);
		return row.n;
	});
}

/**
 * Where a test keeps a database of its own beside the test server's (a copy, a second server's): a
 * file under tests/output, or on PostgreSQL a database of that name on the test server's cluster.
 */
export function scratchDatabaseUrl(name: string): string {
	const server = testServerDatabaseUrl();
	if (dialectOfUrl(server) === 'postgres') {
		const url = new URL(server);
		url.pathname = `/${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
		return url.toString();
	}
	return `tests/output/${name}.db`;
}
