/**
 * Direct database set-up for booking load and concurrency tests: residents with live sessions and slots of a
 * known capacity, written into the server's SQLite file (WAL, so the running server keeps serving).
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A session token as the portal issues them: 32 base32 characters; the database keeps its SHA-256. */
function token(): string {
	const bytes = randomBytes(32);
	let text = '';
	for (const byte of bytes) text += base32[byte % 32];
	return text;
}

/**
 * A copy of the test server's demo city at `copy` (SQLite's online backup, so the running server may
 * keep writing), opened, with an empty outbox: every message in it is then the caller's.
 */
export async function copyWithEmptyOutbox(
	source: string,
	copy: string
): Promise<Database.Database> {
	for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
	const from = new Database(source, { readonly: true, fileMustExist: true });
	await from.backup(copy);
	from.close();
	const db = openTestDatabase(copy);
	db.prepare('delete from outbox').run();
	return db;
}

export function openTestDatabase(file: string): Database.Database {
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('busy_timeout = 10000');
	return db;
}

/** Creates `count` residents, each with a session; returns their ids and cookies. */
export function createResidents(
	db: Database.Database,
	count: number
): { id: number; cookie: string }[] {
	// 137 + 8 random digits prefix keeps runs apart; phones are unique per run
	const prefix = `137${String(randomInt(0, 10_000)).padStart(4, '0')}`;
	const insertUser = db.prepare(
		"insert into user (phone, name, role) values (?, ?, 'resident') returning id"
	);
	const insertSession = db.prepare(
		'insert into session (id, user_id, expires_at, created_at) values (?, ?, ?, ?)'
	);
	const now = Date.now();
	const created: { id: number; cookie: string }[] = [];
	db.transaction(() => {
		for (let i = 0; i < count; i++) {
			const phone = `${prefix}${String(i).padStart(4, '0')}`;
			const { id } = insertUser.get(phone, `压测居民${i}`) as { id: number };
			const secret = token();
			const sessionId = createHash('sha256').update(secret).digest('hex');
			insertSession.run(sessionId, id, now + 30 * 86_400_000, now);
			created.push({ id, cookie: `session=${secret}` });
		}
	})();
	return created;
}

/** A slot of the given capacity at an odd minute a few days ahead (unique per service point and start). */
export function createSlot(db: Database.Database, capacity: number): number {
	const point = db
		.prepare(
			`select sp.id from service_point sp join service_category c on c.code = sp.category_code
			 where sp.active = 1 and c.bookable = 1 order by sp.id limit 1`
		)
		.get() as { id: number };
	// inside the booking horizon (14 days), at an odd millisecond so it never meets a materialised slot
	const startsAt = Date.now() + 86_400_000 + randomInt(0, 9 * 86_400) * 1000 + randomInt(1, 1000);
	const row = db
		.prepare(
			`insert into slot (service_point_id, starts_at, ends_at, capacity, reserved_for_assisted)
			 values (?, ?, ?, ?, 0) returning id`
		)
		.get(point.id, startsAt, startsAt + 30 * 60_000, capacity) as { id: number };
	return row.id;
}

export function slotCounts(db: Database.Database, slotId: number) {
	const slot = db
		.prepare('select booked_count as bookedCount from slot where id = ?')
		.get(slotId) as {
		bookedCount: number;
	};
	const active = db
		.prepare("select count(*) as n from booking where slot_id = ? and status <> 'cancelled'")
		.get(slotId) as { n: number };
	return { bookedCount: slot.bookedCount, activeBookings: active.n };
}
