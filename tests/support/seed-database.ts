// Seeds the demo city into the database DATABASE_URL names (a SQLite file, or an existing empty
// PostgreSQL database), as a server's start-up does on an empty database (src/lib/server/startup.ts:
// migrations, then seedDemoCity at this moment), and leaves it closed: a copy is then where each
// test server starts (scripts/test-all.js: TEST_SEEDED_DATABASE, made beside the build).
//
//   DATABASE_URL=tests/output/seeded.db npx tsx tests/support/seed-database.ts
import { rmSync } from 'node:fs';
import {
	checkpoint,
	closeDatabase,
	dialectOfUrl,
	migrateDatabase,
	openDatabase
} from '../../src/lib/server/db';
import { isDatabaseEmpty, seedDemoCity } from '../../src/lib/server/demo/seed';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('seed-database: DATABASE_URL names the database to seed');
if (dialectOfUrl(url) === 'sqlite')
	for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
const started = performance.now();
const db = openDatabase(url, 2);
try {
	await migrateDatabase(db);
	if (!(await isDatabaseEmpty(db))) throw new Error(`seed-database: ${url} is not empty`);
	const summary = await seedDemoCity(db);
	// the file alone is copied: everything in it
	await checkpoint(db);
	console.log(
		`demo city seeded for the test servers: ${summary.bookings} bookings, ${Math.round(performance.now() - started)} ms`
	);
} finally {
	await closeDatabase(db);
}
