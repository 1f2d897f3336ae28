/** A minimal city for booking tests: one street, two communities, a service point, people and slots. */
import { eq } from 'drizzle-orm';
import { closeDatabase, openTestDatabase, transaction, type Db } from '../db';
import { community, familyLink, servicePoint, slot, staffScope, street, user } from '../db/schema';
import { hourMs, minuteMs } from '$lib/time';
import { addMealCategory } from './database';

/**
 * Runs of a property over fresh databases: the full count on SQLite; on PostgreSQL (a database per run
 * from its template, ~0.2 s each) a quarter — those runs check the dialect's SQL, which the first
 * runs already reach; the search of the space is SQLite's.
 */
export function propertyRuns(onSqlite: number): number {
	return process.env.TEST_DATABASE_URL ? Math.ceil(onSqlite / 4) : onSqlite;
}

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
	}): Promise<number>;
}

let phoneSeq = 0;
const phone = () => `138${String(++phoneSeq).padStart(8, '0')}`;

let previous: Db | undefined;

/**
 * A fresh database with the city, for one test. It lives until the next createFixture() call closes it
 * (tests in a file run one after another): on PostgreSQL each is a database of its own on the server,
 * and a property test that makes a hundred would otherwise keep a hundred open.
 */
export async function createFixture(residentCount = 10): Promise<Fixture> {
	if (previous) await closeDatabase(previous);
	const db = await openTestDatabase();
	previous = db;
	const people = await transaction(db, async (tx) => {
		await tx
			.insert(street)
			.values({ code: '620201001', name: '测试街道', kind: '街道', urban: true });
		const base = {
			streetCode: '620201001',
			centreLng: 98.29,
			centreLat: 39.8,
			address: '测试路1号'
		};
		await tx.insert(community).values([
			{ ...base, code: '620201001001', name: '甲社区', kind: '社区', phone: '09376200001' },
			{ ...base, code: '620201001002', name: '乙社区', kind: '社区', phone: '09376200002' }
		]);
		await addMealCategory(tx);
		const point = async (name: string, communityCode: string) => {
			const [row] = await tx
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
				.returning({ id: servicePoint.id });
			return row.id;
		};
		const pointId = await point('甲社区老年助餐点', '620201001001');
		const otherPointId = await point('乙社区老年助餐点', '620201001002');
		const person = async (name: string, role: 'resident' | 'staff' | 'admin' = 'resident') => {
			const [row] = await tx
				.insert(user)
				.values({ name, phone: phone(), role })
				.returning({ id: user.id });
			return row.id;
		};
		// one at a time, so ids follow the names' order
		const residents: number[] = [];
		for (let i = 0; i < residentCount; i++) residents.push(await person(`居民${i + 1}`));
		const elderId = await person('长辈');
		const carerId = await person('女儿');
		const staffId = await person('甲社区工作人员', 'staff');
		const otherStaffId = await person('乙社区工作人员', 'staff');
		const adminId = await person('管理员', 'admin');
		await tx.insert(staffScope).values([
			{ userId: staffId, communityCode: '620201001001' },
			{ userId: otherStaffId, communityCode: '620201001002' }
		]);
		const [elderPhone] = await tx
			.select({ phone: user.phone })
			.from(user)
			.where(eq(user.id, elderId))
			.limit(1);
		await tx.insert(familyLink).values({
			carerUserId: carerId,
			elderUserId: elderId,
			invitedPhone: elderPhone.phone,
			confirmedAt: new Date(fixtureNow)
		});
		return {
			pointId,
			otherPointId,
			residents,
			elderId,
			carerId,
			staffId,
			otherStaffId,
			adminId
		};
	});
	let nextStart = fixtureNow + 24 * hourMs;
	const addSlot: Fixture['addSlot'] = async (options = {}) => {
		const startsAt = options.startsIn !== undefined ? fixtureNow + options.startsIn : nextStart;
		nextStart += hourMs;
		return transaction(db, async (tx) => {
			const [row] = await tx
				.insert(slot)
				.values({
					servicePointId: options.pointId ?? people.pointId,
					startsAt: new Date(startsAt),
					endsAt: new Date(startsAt + 30 * minuteMs),
					capacity: options.capacity ?? 2,
					reservedForAssisted: options.reserved ?? 0
				})
				.returning({ id: slot.id });
			return row.id;
		});
	};
	return { db, ...people, addSlot };
}
