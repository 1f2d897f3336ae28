import { afterEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import {
	closeDatabase,
	databaseUrlOf,
	getDb,
	openDatabase,
	openSqliteImage,
	openTestDatabase,
	shownDatabaseUrl,
	sqliteImage,
	transaction,
	useDatabase,
	type Db
} from '.';
import { processDatabaseUrl } from './dialect';
import { street } from './schema';

// Opening the database: which backend a process runs on, another connection to the same data (the
// coverage worker's), the process-wide connection the spec fixtures point at their database.

const opened: Db[] = [];

afterEach(async () => {
	useDatabase(undefined);
	for (const db of opened.splice(0)) await closeDatabase(db);
});

describe('the process’s database', () => {
	it('is DATABASE_URL’s, under vitest TEST_DATABASE_URL’s, in a test runner TEST_DATABASE_URL’s', () => {
		const pgUrl = 'postgres://u@h/d';
		expect(processDatabaseUrl({ DATABASE_URL: pgUrl })).toBe(pgUrl);
		expect(processDatabaseUrl({ DATABASE_URL: 'x.db', TEST_DATABASE_URL: pgUrl })).toBe('x.db');
		expect(processDatabaseUrl({ TEST_DATABASE_URL: pgUrl })).toBe(pgUrl);
		expect(processDatabaseUrl({ VITEST: 'true', DATABASE_URL: pgUrl })).toBe('');
		expect(processDatabaseUrl({ VITEST: 'true', TEST_DATABASE_URL: pgUrl })).toBe(pgUrl);
	});

	it('is the one useDatabase() names, for every getDb()', async () => {
		const db = await openTestDatabase();
		opened.push(db);
		useDatabase(db);
		expect(getDb()).toBe(db);
	});
});

describe('shownDatabaseUrl()', () => {
	it('masks a PostgreSQL password and leaves a file path as it is', () => {
		expect(shownDatabaseUrl('postgres://app:s3cret@db:5432/lc')).toBe(
			'postgres://app:***@db:5432/lc'
		);
		expect(shownDatabaseUrl('./data/lifecircle.db')).toBe('./data/lifecircle.db');
	});
});

describe('another connection to the same data', () => {
	it('is opened from databaseUrlOf(), or for an in-memory SQLite from its image', async () => {
		const db = await openTestDatabase();
		opened.push(db);
		await transaction(db, (tx) =>
			tx.insert(street).values({ code: '620201001', name: '雄关街道', kind: '街道', urban: true })
		);
		const url = databaseUrlOf(db);
		const other = url ? openDatabase(url, 1) : openSqliteImage(sqliteImage(db));
		opened.push(other);
		const [{ n }] = await other.select({ n: count() }).from(street);
		expect(n).toBe(1);
		const [row] = await other.select().from(street);
		expect(row.urban).toBe(true);
	});
});
