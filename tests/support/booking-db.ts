/**
 * Direct database set-up for booking load and concurrency tests: residents with live sessions and slots of a
 * known capacity, written into the server's database through the data layer (a SQLite file in WAL mode, so
 * the running server keeps serving, or PostgreSQL).
 */
import { and, asc, count, eq, like, ne, sql } from 'drizzle-orm';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { copyDatabase, openDatabase, schema, transaction, type Db } from '../../src/lib/server/db';

const { booking, outbox, serviceCategory, servicePoint, session, slot, user } = schema;

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A session token as the portal issues them: 32 base32 characters; the database keeps its SHA-256. */
function token(): string {
	const bytes = randomBytes(32);
	let text = '';
	for (const byte of bytes) text += base32[byte % 32];
	return text;
}

/**
 * A copy of the test server's demo city at `copy` (a consistent copy while the running server keeps
 * writing: copyDatabase() of the data layer), opened, with an empty outbox: every message in it is
 * then the caller's.
 */
export async function copyWithEmptyOutbox(source: string, copy: string): Promise<Db> {
	await copyDatabase(source, copy);
	const db = openDatabase(copy);
	await transaction(db, (tx) => tx.delete(outbox));
	return db;
}

/** Creates `count` residents, each with a session; returns their ids and cookies. */
export async function createResidents(
	db: Db,
	count: number
): Promise<{ id: number; cookie: string }[]> {
	const now = Date.now();
	return transaction(db, async (tx) => {
		// 137 + 4 random digits + the resident's 4: a prefix no phone in the database has yet (two calls
		// of one run drew the same prefix and the second failed on user.phone's uniqueness)
		let prefix = '';
		for (let attempt = 0; !prefix; attempt++) {
			const drawn = `137${String(randomInt(0, 10_000)).padStart(4, '0')}`;
			const taken = await tx
				.select({ id: user.id })
				.from(user)
				.where(like(user.phone, `${drawn}%`))
				.limit(1);
			if (taken.length === 0) prefix = drawn;
			else if (attempt > 100) throw new Error('no free phone prefix for test residents');
		}
		const people = Array.from({ length: count }, (_, i) => ({
			phone: `${prefix}${String(i).padStart(4, '0')}`,
			name: `压测居民${i}`,
			secret: token()
		}));
		const created: { id: number; cookie: string }[] = [];
		// a row binds at most one value per column (user has ~15): 1,000 rows stay under 30,000 values
		for (let from = 0; from < people.length; from += 1000) {
			const chunk = people.slice(from, from + 1000);
			const inserted = await tx
				.insert(user)
				.values(chunk.map((p) => ({ phone: p.phone, name: p.name, role: 'resident' as const })))
				.returning({ id: user.id, phone: user.phone });
			// by phone (unique), not by the order of returning()'s rows
			const idOf = new Map(inserted.map((row) => [row.phone, row.id]));
			await tx.insert(session).values(
				chunk.map((p) => ({
					id: createHash('sha256').update(p.secret).digest('hex'),
					userId: idOf.get(p.phone)!,
					expiresAt: new Date(now + 30 * 86_400_000),
					createdAt: new Date(now)
				}))
			);
			for (const p of chunk)
				created.push({ id: idOf.get(p.phone)!, cookie: `session=${p.secret}` });
		}
		return created;
	});
}

/** A slot of the given capacity at an odd minute a few days ahead (unique per service point and start). */
export async function createSlot(db: Db, capacity: number): Promise<number> {
	// inside the booking horizon (14 days), at an odd millisecond so it never meets a materialised slot
	const startsAt = Date.now() + 86_400_000 + randomInt(0, 9 * 86_400) * 1000 + randomInt(1, 1000);
	return transaction(db, async (tx) => {
		const [point] = await tx
			.select({ id: servicePoint.id })
			.from(servicePoint)
			.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
			.where(and(eq(servicePoint.active, true), eq(serviceCategory.bookable, true)))
			.orderBy(asc(servicePoint.id))
			.limit(1);
		const [row] = await tx
			.insert(slot)
			.values({
				servicePointId: point.id,
				startsAt: new Date(startsAt),
				endsAt: new Date(startsAt + 30 * 60_000),
				capacity,
				reservedForAssisted: 0
			})
			.returning({ id: slot.id });
		return row.id;
	});
}

export async function slotCounts(db: Db, slotId: number) {
	// one statement, so both numbers are of one moment: a booking still in flight when a load run
	// stops may commit between two separate reads (seen once: a count "mismatch" of one)
	const active = db
		.select({ n: count() })
		.from(booking)
		.where(and(eq(booking.slotId, slot.id), ne(booking.status, 'cancelled')));
	const [counts] = await db
		.select({
			bookedCount: slot.bookedCount,
			activeBookings: sql<number>`(${active})`.mapWith(Number)
		})
		.from(slot)
		.where(eq(slot.id, slotId));
	return counts;
}
