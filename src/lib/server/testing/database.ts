// Test set-up shared by the *.spec.ts files: a small city (two streets, three communities) in a fresh
// test database (SQLite in memory, or a new PostgreSQL database with TEST_DATABASE_URL).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	closeDb,
	dialectOfUrl,
	migrateDatabase,
	openDatabase,
	openTestDatabase,
	resetIdentities,
	transaction,
	useDatabase,
	type Db
} from '../db';
import { community, residence, serviceCategory, street } from '../db/schema';

export const shengli = '620201001002';
export const wuyi = '620201001003';
export const otherStreetCommunity = '620201002001';
export const xiongguan = '620201001';

/** Points the process-wide connection (getDb()) at a fresh, migrated test database with the city. */
export async function useTestDatabase(): Promise<Db> {
	// a connection reopened later (getDb() after closeDb()) never reaches a real database
	process.env.DATABASE_URL = ':memory:';
	await closeDb();
	const db = await openTestDatabase();
	useDatabase(db);
	await transaction(db, async (tx) => {
		await tx.insert(street).values([
			{ code: xiongguan, name: '雄关街道', kind: '街道', urban: true },
			{ code: '620201002', name: '钢城街道', kind: '街道', urban: true }
		]);
		const place = { centreLng: 98.29, centreLat: 39.77, address: '地址', phone: '09376200000' };
		await tx.insert(community).values([
			{ code: shengli, name: '胜利社区', kind: '社区', streetCode: xiongguan, ...place },
			{ code: wuyi, name: '五一社区', kind: '社区', streetCode: xiongguan, ...place },
			{
				code: otherStreetCommunity,
				name: '朝阳社区',
				kind: '社区',
				streetCode: '620201002',
				...place
			}
		]);
		const home = {
			lng: 98.29,
			lat: 39.77,
			households: 100,
			residents: 250,
			elderly60plus: 40,
			children0to3: 5
		};
		// specs refer to the residences by these ids
		await tx.insert(residence).values([
			{ id: 1, name: '胜利小区', communityCode: shengli, ...home },
			{ id: 2, name: '五一小区', communityCode: wuyi, ...home }
		]);
		// explicit ids leave PostgreSQL's identity sequences behind: the next residence would collide
		await resetIdentities(tx);
	});
	return db;
}

/** Adds the one bookable category most tests need: meals (老年助餐), five minutes' walk. */
export async function addMealCategory(db: Db): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.insert(serviceCategory).values({
			code: 'meal',
			nameZh: '老年助餐',
			nameEn: 'Meals',
			tierMinutes: 5,
			bookable: true,
			colour: '#E69F00',
			icon: 'meal'
		});
	});
}

/**
 * An empty, migrated database that another thread can open by its URL (the coverage and planning
 * workers): a SQLite file in a temporary folder, or with TEST_DATABASE_URL=postgres://… a fresh
 * database on that server.
 */
export async function openThreadSharedDatabase(name: string): Promise<Db> {
	const server = process.env.TEST_DATABASE_URL;
	if (server && dialectOfUrl(server) === 'postgres') return openTestDatabase();
	const db = openDatabase(join(threadSharedFolder(name), 'test.db'));
	await migrateDatabase(db);
	return db;
}

/** A new temporary folder for a thread-shared SQLite test database's file. */
export function threadSharedFolder(name: string): string {
	return mkdtempSync(join(tmpdir(), `${name}-`));
}
