import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openTestDatabase, transaction, type Db } from './index';
import {
	booking,
	community,
	familyLink,
	openingRule,
	rating,
	serviceCategory,
	servicePoint,
	slot,
	staffScope,
	street,
	user
} from './schema';
import { defaultCategories } from '$lib/categories';

// The invariants the database itself holds, on either backend (SQLite, or PostgreSQL with
// TEST_DATABASE_URL=postgres://…): each write runs in its own transaction, as a refused statement
// ends a PostgreSQL transaction.

let db: Db;

const write = <T>(fn: (tx: Db) => Promise<T>) => transaction(db, fn);

/** The error's message with its causes' (drizzle wraps the driver's error in one of its own). */
function messages(error: unknown): string {
	const parts: string[] = [];
	for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as never)
		parts.push(String(e.message));
	return parts.join(' / ');
}

const violations = {
	// SQLite's words, then PostgreSQL's
	check: /CHECK constraint failed|violates check constraint/,
	unique: /UNIQUE constraint failed|violates unique constraint/,
	foreignKey: /FOREIGN KEY constraint failed|violates foreign key constraint/
};

async function refused(kind: keyof typeof violations, fn: (tx: Db) => Promise<unknown>) {
	const error = await write(fn).then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error, `expected a ${kind} violation`).toBeDefined();
	expect(messages(error)).toMatch(violations[kind]);
}

beforeEach(async () => {
	db = await openTestDatabase();
	await write(async (tx) => {
		await tx
			.insert(street)
			.values({ code: '620201001', name: '雄关街道', kind: '街道', urban: true });
		await tx.insert(community).values({
			code: '620201001002',
			name: '胜利社区',
			kind: '社区',
			streetCode: '620201001',
			centreLng: 98.28,
			centreLat: 39.78,
			address: 'x',
			phone: '0937-6200000'
		});
		await tx.insert(serviceCategory).values([...defaultCategories]);
		await tx.insert(servicePoint).values({
			name: '胜利社区老年助餐点',
			categoryCode: 'meal',
			communityCode: '620201001002',
			lng: 98.28,
			lat: 39.78,
			address: 'x',
			phone: '0937-6200001'
		});
		await tx.insert(slot).values({
			servicePointId: 1,
			startsAt: new Date(2_000_000),
			endsAt: new Date(3_000_000),
			capacity: 2
		});
		await tx.insert(user).values([
			{ phone: '13900000001', name: 'A' },
			{ phone: '13900000002', name: 'B' }
		]);
	});
});

afterEach(async () => {
	await closeDatabase(db);
});

describe('the database holds the invariants it can', () => {
	it('applies foreign keys', async () => {
		await refused('foreignKey', (tx) =>
			tx.insert(servicePoint).values({
				name: 'x',
				categoryCode: 'spaceport',
				communityCode: '620201001002',
				lng: 98,
				lat: 39,
				address: 'x',
				phone: 'x'
			})
		);
	});

	it('refuses malformed phones, unknown roles and impossible speeds', async () => {
		await refused('check', (tx) => tx.insert(user).values({ phone: '1390000000x', name: 'x' }));
		await refused('check', (tx) => tx.insert(user).values({ phone: '139000000012', name: 'x' }));
		await refused('check', (tx) =>
			tx
				.insert(user)
				.values({ phone: '13900000003', name: 'x', walkingSpeed: 'custom', walkingSpeedMps: 9 })
		);
		await refused('unique', (tx) => tx.insert(user).values({ phone: '13900000001', name: 'dup' }));
	});

	it('refuses opening rules that end before they start or reserve more than the capacity', async () => {
		const rule = { servicePointId: 1, weekday: 1, startMinute: 600, endMinute: 700 };
		await refused('check', (tx) =>
			tx.insert(openingRule).values({ ...rule, weekday: 8, slotMinutes: 30, capacity: 5 })
		);
		await refused('check', (tx) =>
			tx
				.insert(openingRule)
				.values({ ...rule, startMinute: 700, endMinute: 600, slotMinutes: 30, capacity: 5 })
		);
		await refused('check', (tx) =>
			tx
				.insert(openingRule)
				.values({ ...rule, slotMinutes: 30, capacity: 5, reservedForAssisted: 6 })
		);
	});

	it('allows one active booking per person per slot, again after cancelling', async () => {
		const book = (code: string) => (tx: Db) =>
			tx
				.insert(booking)
				.values({ slotId: 1, userId: 1, bookedByUserId: 1, channel: 'online', code });
		await write(book('AAAAAA'));
		await refused('unique', book('BBBBBB'));
		await write((tx) =>
			tx.update(booking).set({ status: 'cancelled', statusChangedAt: new Date() })
		);
		await write(book('CCCCCC'));
		await refused('unique', (tx) =>
			tx.insert(booking).values({ slotId: 1, userId: 2, channel: 'online', code: 'CCCCCC' })
		);
	});

	it('needs a person for every booking and one rating per booking within 1–5 stars', async () => {
		await refused('check', (tx) =>
			tx.insert(booking).values({ slotId: 1, channel: 'desk', code: 'DDDDDD' })
		);
		// its id from the database: a refused insert may have used one up (PostgreSQL's sequences)
		const [{ id }] = await write((tx) =>
			tx
				.insert(booking)
				.values({
					slotId: 1,
					guestName: '王阿姨',
					guestPhone: '13812345678',
					channel: 'desk',
					code: 'EEEEEE'
				})
				.returning({ id: booking.id })
		);
		await refused('check', (tx) => tx.insert(rating).values({ bookingId: id, stars: 6 }));
		await write((tx) => tx.insert(rating).values({ bookingId: id, stars: 5 }));
		await refused('unique', (tx) => tx.insert(rating).values({ bookingId: id, stars: 4 }));
	});

	it('keeps slot counts non-negative and family links between two people', async () => {
		await refused('check', (tx) => tx.update(slot).set({ bookedCount: -1 }));
		const link =
			(elderUserId: number | null, invitedPhone = '13700000002') =>
			(tx: Db) =>
				tx.insert(familyLink).values({ carerUserId: 1, elderUserId, invitedPhone });
		await refused('check', link(1));
		await write(link(2));
		await refused('unique', link(2, '13700000003'));
		// one open invitation per number typed, whether or not it has an account
		await write(link(null, '13700000009'));
		await refused('unique', link(null, '13700000009'));
	});

	it('scopes staff to exactly one community or street', async () => {
		await refused('check', (tx) => tx.insert(staffScope).values({ userId: 1 }));
		await refused('check', (tx) =>
			tx
				.insert(staffScope)
				.values({ userId: 1, communityCode: '620201001002', streetCode: '620201001' })
		);
		await write((tx) => tx.insert(staffScope).values({ userId: 1, streetCode: '620201001' }));
	});
});
