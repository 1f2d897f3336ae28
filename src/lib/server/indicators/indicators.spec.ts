import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, openTestDatabase, transaction, type Db } from '../db';
import { auditLog, community, communityFacts, residence, street, user } from '../db/schema';
import {
	evaluateIndicators,
	factsState,
	staleBefore,
	type CommunityInput,
	type Facts,
	type IndicatorKey
} from './definitions';
import { saveFacts } from './facts';
import { indicatorsFor } from './view';
import * as communities from '../directory/communities';

/**
 * A hand-made city of two urban communities (A, B) and two villages (C, D) whose facts sit exactly
 * on every threshold of the plan's table: 10 % commercial share, 30 m² per 100 households, 60 %
 * activity space, 26 community workers per 10,000 urban residents, every centre and terminal there.
 */
const facts = (f: Partial<Facts>): Facts => ({
	centreAreaM2: 0,
	activityAreaM2: 0,
	totalBuildingAreaM2: 0,
	commercialServiceAreaM2: 0,
	selfService: false,
	committeeMembers: 0,
	fullTimeWorkers: 0,
	gridWorkers: 0,
	publicWelfareWorkers: 0,
	...f
});
const onThresholds = {
	A: facts({
		centreAreaM2: 600,
		activityAreaM2: 360,
		totalBuildingAreaM2: 50_000,
		commercialServiceAreaM2: 5_000,
		selfService: true,
		committeeMembers: 7,
		fullTimeWorkers: 9,
		// not 社区工作者 in the plan's sense: must not count
		gridWorkers: 20,
		publicWelfareWorkers: 5
	}),
	B: facts({
		centreAreaM2: 300,
		activityAreaM2: 180,
		totalBuildingAreaM2: 30_000,
		commercialServiceAreaM2: 3_000,
		selfService: true,
		committeeMembers: 5,
		fullTimeWorkers: 5
	}),
	C: facts({
		centreAreaM2: 200,
		activityAreaM2: 120,
		totalBuildingAreaM2: 10_000,
		commercialServiceAreaM2: 1_000,
		committeeMembers: 3
	}),
	D: facts({
		centreAreaM2: 100,
		activityAreaM2: 60,
		totalBuildingAreaM2: 10_000,
		commercialServiceAreaM2: 1_000,
		committeeMembers: 3
	})
};
// urban residents 6,000 + 4,000 = 10,000; households 2,000 + 1,000 + 500 + 500 = 4,000
const people = {
	A: { urban: true, households: 2000, residents: 6000 },
	B: { urban: true, households: 1000, residents: 4000 },
	C: { urban: false, households: 500, residents: 1500 },
	D: { urban: false, households: 500, residents: 1500 }
};
type Name = keyof typeof people;
const names = Object.keys(people) as Name[];

function city(change: Partial<Record<Name, Partial<Facts> | null>> = {}): CommunityInput[] {
	return names.map((name) => ({
		code: name,
		...people[name],
		facts: change[name] === null ? null : { ...onThresholds[name], ...(change[name] ?? {}) }
	}));
}

function byKey(rows: ReturnType<typeof evaluateIndicators>) {
	return Object.fromEntries(rows.map((r) => [r.key, r])) as Record<IndicatorKey, (typeof rows)[0]>;
}

describe('the plan’s indicator table at its thresholds', () => {
	it('meets every target exactly on the threshold', () => {
		const rows = byKey(evaluateIndicators(city()));
		expect(rows.commercial_share.value).toBe(0.1);
		expect(rows.centre_per_100_households.value).toBe(30);
		expect(rows.activity_share.value).toBe(0.6);
		expect(rows.workers_per_10000_urban.value).toBe(26);
		expect(rows.centre_urban.value).toBe(1);
		expect(rows.centre_rural.value).toBe(1);
		expect(rows.self_service_urban.value).toBe(1);
		for (const row of Object.values(rows)) expect(row.status, row.key).toBe('met');
	});

	it('misses each target just below it', () => {
		const below = (change: Parameters<typeof city>[0], key: IndicatorKey) =>
			byKey(evaluateIndicators(city(change)))[key];
		expect(below({ A: { commercialServiceAreaM2: 4_999.99 } }, 'commercial_share').status).toBe(
			'unmet'
		);
		const centre = below(
			{ D: { centreAreaM2: 99.99, activityAreaM2: 60 } },
			'centre_per_100_households'
		);
		expect(centre.status).toBe('unmet');
		expect(centre.value).toBeCloseTo(29.99975, 9);
		expect(below({ A: { activityAreaM2: 359.99 } }, 'activity_share').status).toBe('unmet');
		// 25 workers per 10,000: the plan's 2020 base, below the 2025 target of 26
		const workers = below({ B: { fullTimeWorkers: 4 } }, 'workers_per_10000_urban');
		expect([workers.value, workers.status]).toEqual([25, 'unmet']);
		expect(below({ B: { selfService: false } }, 'self_service_urban').value).toBe(0.5);
		expect(below({ C: { centreAreaM2: 0, activityAreaM2: 0 } }, 'centre_rural').value).toBe(0.5);
		// a village without a centre touches the rural row only
		expect(below({ C: { centreAreaM2: 0, activityAreaM2: 0 } }, 'centre_urban').status).toBe('met');
	});

	it('separates urban and rural where the plan does', () => {
		// villages' workers and terminals do not count towards the urban indicators
		const rows = byKey(
			evaluateIndicators(city({ C: { committeeMembers: 100 }, D: { selfService: false } }))
		);
		expect(rows.workers_per_10000_urban.value).toBe(26);
		expect(rows.self_service_urban.value).toBe(1);
		expect([rows.centre_rural.total, rows.centre_urban.total]).toEqual([2, 2]);
		expect(rows.commercial_share.total).toBe(4);
	});

	it('counts only communities with facts, and says how many reported', () => {
		const rows = byKey(evaluateIndicators(city({ B: null })));
		expect([rows.centre_urban.reported, rows.centre_urban.total]).toEqual([1, 2]);
		// A alone: 16 workers per 6,000 residents
		expect(rows.workers_per_10000_urban.value).toBeCloseTo((16 / 6000) * 10000, 9);
		const none = byKey(evaluateIndicators(city({ A: null, B: null })));
		expect([none.centre_urban.value, none.centre_urban.status]).toEqual([null, 'no_data']);
		expect(none.centre_rural.status).toBe('met');
	});

	it('calls facts stale only when confirmed more than 12 months ago', () => {
		const now = Date.parse('2026-12-01T03:00:00Z');
		const yearAgo = Date.parse('2025-12-01T03:00:00Z');
		expect(staleBefore(now)).toBe(yearAgo);
		expect(factsState(new Date(yearAgo), now)).toBe('current');
		expect(factsState(new Date(yearAgo - 1), now)).toBe('stale');
		expect(factsState(null, now)).toBe('missing');
	});
});

describe('facts kept in the database (SQLite and PostgreSQL)', () => {
	let db: Db;
	const now = Date.parse('2026-12-01T03:00:00Z');
	const codes: Record<Name | 'E', string> = {
		A: '620201001001',
		B: '620201001002',
		C: '620201101001',
		D: '620201101002',
		E: '620201101003'
	};
	let staffId = 0;

	beforeAll(async () => {
		db = await openTestDatabase();
		staffId = await transaction(db, async (tx) => {
			await tx.insert(street).values([
				{ code: '620201001', name: '雄关街道', kind: '街道', urban: true },
				{ code: '620201101', name: '新城镇', kind: '镇', urban: false }
			]);
			const place = { centreLng: 98.29, centreLat: 39.77, address: '地址', phone: '09376200000' };
			for (const name of [...names, 'E' as const]) {
				const urban = name === 'A' || name === 'B';
				await tx.insert(community).values({
					code: codes[name],
					name: `${name}${urban ? '社区' : '村'}`,
					kind: urban ? '社区' : '村',
					streetCode: urban ? '620201001' : '620201101',
					...place
				});
				const p = name === 'E' ? { households: 10, residents: 30 } : people[name];
				// two residences each, so the sums per community are tested too
				for (const half of [0, 1])
					await tx.insert(residence).values({
						name: `${name}${half}`,
						communityCode: codes[name],
						lng: 98.29,
						lat: 39.77,
						households: p.households / 2,
						residents: p.residents / 2,
						elderly60plus: 0,
						children0to3: 0
					});
			}
			const [row] = await tx
				.insert(user)
				.values({ name: '王芳', phone: '13800000001', role: 'staff' })
				.returning({ id: user.id });
			return row.id;
		});
	});
	afterAll(async () => closeDatabase(db));

	it('computes the same table from stored facts, and lists the missing and stale', async () => {
		for (const name of names)
			expect(
				await saveFacts(db, {
					communityCode: codes[name],
					facts: onThresholds[name],
					byUserId: staffId,
					now: name === 'D' ? staleBefore(now) - 1 : now
				})
			).toEqual({ status: 'ok', changed: true });
		const view = await indicatorsFor(db, await communities.list(db), now);
		const rows = byKey(view.total);
		expect(rows.commercial_share.value).toBe(0.1);
		expect(rows.centre_per_100_households.value).toBe(30);
		expect(rows.activity_share.value).toBe(0.6);
		expect(rows.workers_per_10000_urban.value).toBe(26);
		expect(Object.values(rows).map((r) => r.status)).toEqual(Array(7).fill('met'));
		// E has no facts: reported 2 of 3 villages
		expect([rows.centre_rural.reported, rows.centre_rural.total]).toEqual([2, 3]);
		expect(view.toUpdate.map((c) => [c.code, c.state])).toEqual([
			[codes.D, 'stale'],
			[codes.E, 'missing']
		]);
		const street = Object.fromEntries(view.streets.map((s) => [s.code, byKey(s.rows)]));
		expect(street['620201001'].workers_per_10000_urban.value).toBe(26);
		expect(street['620201101'].centre_urban.status).toBe('no_data');
		const a = view.communities.find((c) => c.code === codes.A)!;
		expect(a.facts?.confirmedByName).toBe('王芳');
		expect(byKey(a.rows).workers_per_10000_urban.value).toBeCloseTo((16 / 6000) * 10000, 9);
	});

	it('audits each change with the values before and after, and a confirmation as such', async () => {
		const later = now + 1000;
		const changed = { ...onThresholds.B, fullTimeWorkers: 4 };
		expect(
			await saveFacts(db, { communityCode: codes.B, facts: changed, byUserId: staffId, now: later })
		).toEqual({ status: 'ok', changed: true });
		expect(
			await saveFacts(db, { communityCode: codes.B, facts: changed, byUserId: staffId, now: later })
		).toEqual({ status: 'ok', changed: false });
		const rows = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, codes.B))
			.orderBy(auditLog.id);
		expect(rows.map((r) => r.action)).toEqual([
			'community_facts.update',
			'community_facts.update',
			'community_facts.confirm'
		]);
		const detail = rows[1].detail as { before: Facts; after: Facts };
		expect([detail.before.fullTimeWorkers, detail.after.fullTimeWorkers]).toEqual([5, 4]);
		expect(rows[1].actorUserId).toBe(staffId);
		const view = await indicatorsFor(db, await communities.list(db), now);
		expect(byKey(view.total).workers_per_10000_urban).toMatchObject({ value: 25, status: 'unmet' });
	});

	it('refuses inconsistent areas and unknown communities, writing nothing', async () => {
		const before = await db.select().from(communityFacts);
		const audits = (await db.select().from(auditLog)).length;
		expect(
			await saveFacts(db, {
				communityCode: codes.A,
				facts: { ...onThresholds.A, activityAreaM2: 601 },
				byUserId: staffId
			})
		).toEqual({ status: 'inconsistent' });
		expect(
			await saveFacts(db, {
				communityCode: '620201999999',
				facts: onThresholds.A,
				byUserId: staffId
			})
		).toEqual({ status: 'not_found' });
		expect(await db.select().from(communityFacts)).toEqual(before);
		expect((await db.select().from(auditLog)).length).toBe(audits);
	});
});
