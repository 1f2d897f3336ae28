/** A minimal city for booking tests: one street, two communities, a service point, people and slots. */
import { eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../db';
import { community, familyLink, servicePoint, slot, staffScope, street, user } from '../db/schema';
import { hourMs, minuteMs } from '$lib/time';
import { addMealCategory } from './database';

export const fixtureNow = Date.parse('2026-11-26T02:00:00Z'); // 10:00 in Jiayuguan

export interface Fixture {
	db: Db;
	pointId: number;
	otherPointId: number;
	residents: number[];
	elderId: number;
	carerId: number;
	staffId: number;
	otherStaffId: number;
	adminId: number;
	addSlot(options?: {
		startsIn?: number;
		capacity?: number;
		reserved?: number;
		pointId?: number;
	}): number;
}

let phoneSeq = 0;
const phone = () => `138${String(++phoneSeq).padStart(8, '0')}`;

export function createFixture(residentCount = 10): Fixture {
	const db = openDatabase(':memory:');
	migrateDatabase(db);
	db.insert(street)
		.values({ code: '620201001', name: '测试街道', kind: '街道', urban: true })
		.run();
	const base = { streetCode: '620201001', centreLng: 98.29, centreLat: 39.8, address: '测试路1号' };
	db.insert(community)
		.values([
			{ ...base, code: '620201001001', name: '甲社区', kind: '社区', phone: '09376200001' },
			{ ...base, code: '620201001002', name: '乙社区', kind: '社区', phone: '09376200002' }
		])
		.run();
	addMealCategory(db);
	const point = (name: string, communityCode: string) =>
		db
			.insert(servicePoint)
			.values({
				name,
				categoryCode: 'meal',
				communityCode,
				lng: 98.29,
				lat: 39.8,
				address: '测试路2号',
				phone: '09376211111',
				openingText: '周一至周五 11:00–13:00'
			})
			.returning({ id: servicePoint.id })
			.get().id;
	const pointId = point('甲社区老年助餐点', '620201001001');
	const otherPointId = point('乙社区老年助餐点', '620201001002');
	const person = (name: string, role: 'resident' | 'staff' | 'admin' = 'resident') =>
		db.insert(user).values({ name, phone: phone(), role }).returning({ id: user.id }).get().id;
	const residents = Array.from({ length: residentCount }, (_, i) => person(`居民${i + 1}`));
	const elderId = person('长辈');
	const carerId = person('女儿');
	const staffId = person('甲社区工作人员', 'staff');
	const otherStaffId = person('乙社区工作人员', 'staff');
	const adminId = person('管理员', 'admin');
	db.insert(staffScope)
		.values([
			{ userId: staffId, communityCode: '620201001001' },
			{ userId: otherStaffId, communityCode: '620201001002' }
		])
		.run();
	const elderPhone = db.select({ phone: user.phone }).from(user).where(eq(user.id, elderId)).get()!;
	db.insert(familyLink)
		.values({
			carerUserId: carerId,
			elderUserId: elderId,
			invitedPhone: elderPhone.phone,
			confirmedAt: new Date(fixtureNow)
		})
		.run();
	let nextStart = fixtureNow + 24 * hourMs;
	const addSlot: Fixture['addSlot'] = (options = {}) => {
		const startsAt = options.startsIn !== undefined ? fixtureNow + options.startsIn : nextStart;
		nextStart += hourMs;
		return db
			.insert(slot)
			.values({
				servicePointId: options.pointId ?? pointId,
				startsAt: new Date(startsAt),
				endsAt: new Date(startsAt + 30 * minuteMs),
				capacity: options.capacity ?? 2,
				reservedForAssisted: options.reserved ?? 0
			})
			.returning({ id: slot.id })
			.get().id;
	};
	return {
		db,
		pointId,
		otherPointId,
		residents,
		elderId,
		carerId,
		staffId,
		otherStaffId,
		adminId,
		addSlot
	};
}
