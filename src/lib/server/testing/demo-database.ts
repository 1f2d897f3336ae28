// The demo city in a test database, as seedDemoCity() leaves an empty one: seeded once per run (the
// first worker process that needs it seeds, the others wait for it; ~5 s on SQLite, ~10 s and more
// on PostgreSQL) and copied for each spec that reads it.
import { existsSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import {
	keepTestDatabase,
	openDatabase,
	openTestDatabase,
	type Db,
	type TestDatabaseSnapshot
} from '../db';
import { seedDemoCity, type SeedSummary } from '../demo/seed';
import { threadSharedFolder } from './database';
import { sharedDatabasePrefix, sharedPrefix } from './global-setup';

interface Seeded {
	snapshot: TestDatabaseSnapshot;
	summary: SeedSummary;
}

const seeded = new Map<number, Promise<Seeded>>();

async function seedHere(now: number, keptName?: string): Promise<Seeded> {
	const db = await openTestDatabase();
	const summary = await seedDemoCity(db, { now });
	return { snapshot: await keepTestDatabase(db, keptName), summary };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The demo city seeded at `now`, shared by the run's worker processes (vitest's global set-up names
 * the run): the first to take a lock file seeds and leaves the result (SQLite's bytes, or the name
 * of a PostgreSQL template, and the seed's summary) in files the others wait for. Without a run
 * (a spec run by another configuration), seeded in this process.
 */
async function seedShared(now: number): Promise<Seeded> {
	const run = inject('testRun');
	if (!run) return seedHere(now);
	const dialect = process.env.TEST_DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
	const base = join(tmpdir(), `${sharedPrefix(run)}demo-${dialect}-${now}`);
	const done = `${base}.json`;
	const image = `${base}.db`;
	const failed = `${base}.failed`;
	let mine = false;
	try {
		openSync(`${base}.lock`, 'wx');
		mine = true;
	} catch {
		// another process seeds
	}
	if (mine) {
		try {
			const made = await seedHere(now, `${sharedDatabasePrefix(run)}demo_${now}`);
			if (made.snapshot.dialect === 'sqlite') writeFileSync(image, made.snapshot.image);
			const template = made.snapshot.dialect === 'postgres' ? made.snapshot.template : undefined;
			writeFileSync(`${done}.part`, JSON.stringify({ summary: made.summary, template }));
			renameSync(`${done}.part`, done);
			return made;
		} catch (error) {
			writeFileSync(failed, String(error));
			throw error;
		}
	}
	while (!existsSync(done)) {
		if (existsSync(failed))
			throw new Error(`seeding the shared demo city failed: ${readFileSync(failed, 'utf8')}`);
		await sleep(100);
	}
	const { summary, template } = JSON.parse(readFileSync(done, 'utf8'));
	return {
		summary,
		snapshot: template
			? { dialect: 'postgres', template }
			: { dialect: 'sqlite', image: readFileSync(image) }
	};
}

function seedOnce(now: number): Promise<Seeded> {
	let kept = seeded.get(now);
	if (!kept) {
		kept = seedShared(now);
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
