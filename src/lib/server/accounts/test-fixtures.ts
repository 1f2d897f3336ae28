// Shared by the *.spec.ts files of accounts and auth: a small in-memory city and people in it.
import { closeDb, getDb, migrateDatabase, type Db } from '../db';
import { community, residence, staffScope, street, user } from '../db/schema';
import { hashPassword } from '../auth/password';

export const shengli = '620201001002';
export const wuyi = '620201001003';
export const otherStreetCommunity = '620201002001';
export const xiongguan = '620201001';

/** Points the process-wide connection at a fresh, migrated in-memory database. */
export function useTestDatabase(): Db {
	process.env.DATABASE_URL = ':memory:';
	closeDb();
	const db = getDb();
	migrateDatabase(db);
	db.insert(street)
		.values([
			{ code: xiongguan, name: '雄关街道', kind: '街道', urban: true },
			{ code: '620201002', name: '钢城街道', kind: '街道', urban: true }
		])
		.run();
	const place = { centreLng: 98.29, centreLat: 39.77, address: '地址', phone: '09376200000' };
	db.insert(community)
		.values([
			{ code: shengli, name: '胜利社区', kind: '社区', streetCode: xiongguan, ...place },
			{ code: wuyi, name: '五一社区', kind: '社区', streetCode: xiongguan, ...place },
			{
				code: otherStreetCommunity,
				name: '朝阳社区',
				kind: '社区',
				streetCode: '620201002',
				...place
			}
		])
		.run();
	const home = {
		lng: 98.29,
		lat: 39.77,
		households: 100,
		residents: 250,
		elderly60plus: 40,
		children0to3: 5
	};
	db.insert(residence)
		.values([
			{ id: 1, name: '胜利小区', communityCode: shengli, ...home },
			{ id: 2, name: '五一小区', communityCode: wuyi, ...home }
		])
		.run();
	return db;
}

let passwordHash: Promise<string> | undefined;
export const testPassword = 'correct horse battery';

let next = 0;
export function freshPhone(): string {
	next++;
	return `137${String(next).padStart(8, '0')}`;
}

export async function addUser(
	options: {
		phone?: string;
		name?: string;
		role?: 'resident' | 'staff' | 'admin';
		communityCode?: string;
		scopes?: { communityCode?: string; streetCode?: string }[];
	} = {}
) {
	passwordHash ??= hashPassword(testPassword);
	const db = getDb();
	const phone = options.phone ?? freshPhone();
	const row = db
		.insert(user)
		.values({
			phone,
			name: options.name ?? '测试居民',
			role: options.role ?? 'resident',
			communityCode: options.communityCode ?? shengli,
			passwordHash: await passwordHash
		})
		.returning({ id: user.id })
		.get();
	for (const scope of options.scopes ?? []) {
		db.insert(staffScope)
			.values({ userId: row.id, ...scope })
			.run();
	}
	return { id: row.id, phone };
}
