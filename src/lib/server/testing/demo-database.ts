// The demo city in a test database, as seedDemoCity() leaves an empty one: seeded once per process
// (~5 s on SQLite, ~10 s and more on PostgreSQL) and copied for each spec that reads it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	keepTestDatabase,
	openDatabase,
	openTestDatabase,
	type Db,
	type TestDatabaseSnapshot
} from '../db';
import { seedDemoCity, type SeedSummary } from '../demo/seed';
import { threadSharedFolder } from './database';

const seeded = new Map<number, Promise<{ snapshot: TestDatabaseSnapshot; summary: SeedSummary }>>();

function seedOnce(now: number) {
	let kept = seeded.get(now);
	if (!kept) {
		kept = (async () => {
			const db = await openTestDatabase();
			const summary = await seedDemoCity(db, { now });
			return { snapshot: await keepTestDatabase(db), summary };
		})();
		seeded.set(now, kept);
		kept.catch(() => seeded.delete(now));
	}
	return kept;
}

/**
 * A database of its own with the demo city seeded at `now` (seedDemoCity(db, { now })) and what
 * seeding said. With threadShared (a name), one that other threads can open by its URL (a SQLite
 * file), as openThreadSharedDatabase() gives.
 */
export async function openDemoDatabase(
	now: number,
	threadShared?: string
): Promise<{ db: Db; summary: SeedSummary }> {
	const { snapshot, summary } = await seedOnce(now);
	if (threadShared && snapshot.dialect === 'sqlite') {
		const file = join(threadSharedFolder(threadShared), 'test.db');
		writeFileSync(file, snapshot.image);
		return { db: openDatabase(file), summary };
	}
	return { db: await openTestDatabase(snapshot), summary };
}
