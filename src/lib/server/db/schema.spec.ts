import { beforeEach, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Db } from './index';
import {
	booking,
	community,
	familyLink,
	openingRule,
	rating,
	servicePoint,
	slot,
	staffScope,
	street,
	user
} from './schema';
import { defaultCategories } from '$lib/categories';
import { serviceCategory } from './schema';

let db: Db;

beforeEach(() => {
	db = openDatabase(':memory:');
	migrateDatabase(db);
	db.insert(street)
		.values({ code: '620201001', name: '雄关街道', kind: '街道', urban: true })
		.run();
	db.insert(community)
		.values({
			code: '620201001002',
			name: '胜利社区',
			kind: '社区',
			streetCode: '620201001',
			centreLng: 98.28,
			centreLat: 39.78,
			address: 'x',
			phone: '0937-6200000'
		})
		.run();
	db.insert(serviceCategory)
		.values([...defaultCategories])
		.run();
	db.insert(servicePoint)
		.values({
			name: '胜利社区老年助餐点',
			categoryCode: 'meal',
			communityCode: '620201001002',
			lng: 98.28,
			lat: 39.78,
			address: 'x',
			phone: '0937-6200001'
		})
		.run();
	db.insert(slot)
		.values({
			servicePointId: 1,
			startsAt: new Date(2_000_000),
			endsAt: new Date(3_000_000),
			capacity: 2
		})
		.run();
	db.insert(user)
		.values([
			{ phone: '13900000001', name: 'A' },
			{ phone: '13900000002', name: 'B' }
		])
		.run();
});

describe('the database holds the invariants it can', () => {
	it('applies foreign keys', () => {
		expect(() =>
			db
				.insert(servicePoint)
				.values({
					name: 'x',
					categoryCode: 'spaceport',
					communityCode: '620201001002',
					lng: 98,
					lat: 39,
					address: 'x',
					phone: 'x'
				})
				.run()
		).toThrow(/FOREIGN KEY/);
	});

	it('refuses malformed phones, unknown roles and impossible speeds', () => {
		expect(() => db.insert(user).values({ phone: '1390000000x', name: 'x' }).run()).toThrow(
			/CHECK/
		);
		expect(() => db.insert(user).values({ phone: '139000000012', name: 'x' }).run()).toThrow(
			/CHECK/
		);
		expect(() =>
			db
				.insert(user)
				.values({ phone: '13900000003', name: 'x', walkingSpeed: 'custom', walkingSpeedMps: 9 })
				.run()
		).toThrow(/CHECK/);
		expect(() => db.insert(user).values({ phone: '13900000001', name: 'dup' }).run()).toThrow(
			/UNIQUE/
		);
	});

	it('refuses opening rules that end before they start or reserve more than the capacity', () => {
		expect(() =>
			db
				.insert(openingRule)
				.values({
					servicePointId: 1,
					weekday: 8,
					startMinute: 600,
					endMinute: 700,
					slotMinutes: 30,
					capacity: 5
				})
				.run()
		).toThrow(/CHECK/);
		expect(() =>
			db
				.insert(openingRule)
				.values({
					servicePointId: 1,
					weekday: 1,
					startMinute: 700,
					endMinute: 600,
					slotMinutes: 30,
					capacity: 5
				})
				.run()
		).toThrow(/CHECK/);
		expect(() =>
			db
				.insert(openingRule)
				.values({
					servicePointId: 1,
					weekday: 1,
					startMinute: 600,
					endMinute: 700,
					slotMinutes: 30,
					capacity: 5,
					reservedForAssisted: 6
				})
				.run()
		).toThrow(/CHECK/);
	});

	it('allows one active booking per person per slot, again after cancelling', () => {
		const book = (code: string) =>
			db
				.insert(booking)
				.values({ slotId: 1, userId: 1, bookedByUserId: 1, channel: 'online', code })
				.run();
		book('AAAAAA');
		expect(() => book('BBBBBB')).toThrow(/UNIQUE/);
		db.update(booking).set({ status: 'cancelled', statusChangedAt: new Date() }).run();
		expect(() => book('CCCCCC')).not.toThrow();
		expect(() =>
			db.insert(booking).values({ slotId: 1, userId: 2, channel: 'online', code: 'CCCCCC' }).run()
		).toThrow(/UNIQUE/);
	});

	it('needs a person for every booking and one rating per booking within 1–5 stars', () => {
		expect(() =>
			db.insert(booking).values({ slotId: 1, channel: 'desk', code: 'DDDDDD' }).run()
		).toThrow(/CHECK/);
		db.insert(booking)
			.values({
				slotId: 1,
				guestName: '王阿姨',
				guestPhone: '13812345678',
				channel: 'desk',
				code: 'EEEEEE'
			})
			.run();
		expect(() => db.insert(rating).values({ bookingId: 1, stars: 6 }).run()).toThrow(/CHECK/);
		db.insert(rating).values({ bookingId: 1, stars: 5 }).run();
		expect(() => db.insert(rating).values({ bookingId: 1, stars: 4 }).run()).toThrow(/UNIQUE/);
	});

	it('keeps slot counts non-negative and family links between two people', () => {
		expect(() => db.update(slot).set({ bookedCount: -1 }).run()).toThrow(/CHECK/);
		const link = (elderUserId: number | null, invitedPhone = '13700000002') =>
			db.insert(familyLink).values({ carerUserId: 1, elderUserId, invitedPhone }).run();
		expect(() => link(1)).toThrow(/CHECK/);
		link(2);
		expect(() => link(2, '13700000003')).toThrow(/UNIQUE/);
		// one open invitation per number typed, whether or not it has an account
		link(null, '13700000009');
		expect(() => link(null, '13700000009')).toThrow(/UNIQUE/);
	});

	it('scopes staff to exactly one community or street', () => {
		expect(() => db.insert(staffScope).values({ userId: 1 }).run()).toThrow(/CHECK/);
		expect(() =>
			db
				.insert(staffScope)
				.values({ userId: 1, communityCode: '620201001002', streetCode: '620201001' })
				.run()
		).toThrow(/CHECK/);
		expect(() =>
			db.insert(staffScope).values({ userId: 1, streetCode: '620201001' }).run()
		).not.toThrow();
	});
});
