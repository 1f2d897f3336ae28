import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { transaction, type Db } from '../db';
import { auditLog, ledgerSnapshot, servicePoint, targetSnapshot, user } from '../db/schema';
import {
	addMealCategory,
	otherStreetCommunity,
	shengli,
	useTestDatabase,
	wuyi,
	xiongguan
} from '../testing/database';
import { raise } from '../needs';
import * as projects from '../projects';
import { scopeFor } from '../planning/scope';
import { planTargets } from '../planning/targets-view';
import {
	areaLedger,
	areaLedgerCsv,
	ensureMonthlySnapshot,
	findArea,
	ledgerAreas,
	localMonth,
	takeSnapshot,
	targetHistory,
	targetLedger,
	targetLedgerCsv
} from '.';

const now = Date.parse('2026-11-26T02:00:00Z');
const gangcheng = '620201002';
let db: Db;
let admin: number;
let resident: number;

async function addMealPoint(communityCode: string, name = '朝阳社区老年助餐点') {
	await transaction(db, async (tx) => {
		await tx.insert(servicePoint).values({
			name,
			categoryCode: 'meal',
			communityCode,
			lng: 98.4,
			lat: 39.9,
			address: '测试路2号',
			phone: '09376211111',
			openingText: '每天'
		});
	});
}

beforeEach(async () => {
	db = await useTestDatabase();
	await addMealCategory(db);
	[admin, resident] = await transaction(db, async (tx) => {
		const rows = await tx
			.insert(user)
			.values([
				{ name: '管理员', phone: '13900000099', role: 'admin' },
				{ name: '居民', phone: '13900000001', role: 'resident', communityCode: shengli }
			])
			.returning({ id: user.id });
		return rows.map((r) => r.id);
	});
});

const valueOf = async (snapshotId: number, level: string, areaCode: string, key: string) => {
	const [row] = await db
		.select()
		.from(targetSnapshot)
		.where(
			and(
				eq(targetSnapshot.snapshotId, snapshotId),
				eq(targetSnapshot.level, level as 'city'),
				eq(targetSnapshot.areaCode, areaCode),
				eq(targetSnapshot.key, key)
			)
		);
	return row;
};

describe('the ledger (台账)', () => {
	it('a snapshot keeps every target and indicator for the city, each street and each community, as the planning view computes them', async () => {
		await addMealPoint(otherStreetCommunity);
		const taken = await takeSnapshot(db, { kind: 'manual', byUserId: admin, now });
		if (taken.status !== 'ok') throw new Error(taken.status);
		// 7 targets + 7 indicators, for 1 city + 2 streets + 3 communities
		expect(taken.values).toBe(14 * 6);
		const city = await planTargets(db, await scopeFor(db, true, []), now);
		const meal = city.find((r) => r.key === 'meal')!;
		expect(await valueOf(taken.snapshotId, 'city', '', 'meal')).toMatchObject({
			kind: 'target',
			value: meal.value,
			goal: 0.8,
			count: 1,
			total: 3,
			met: false
		});
		expect(await valueOf(taken.snapshotId, 'street', gangcheng, 'meal')).toMatchObject({
			count: 1,
			total: 1,
			met: true
		});
		expect(await valueOf(taken.snapshotId, 'community', wuyi, 'meal')).toMatchObject({
			value: 0,
			met: false
		});
		// a target with nothing to count in the area (the villages' 法律之家 in an urban community) is
		// "no data", not a 0% that misses its goal
		expect(await valueOf(taken.snapshotId, 'community', shengli, 'legal_rural')).toMatchObject({
			value: null,
			met: null,
			total: 0
		});
		// no community keeps facts here: the indicators are stored as "no data", not as 0
		expect(await valueOf(taken.snapshotId, 'city', '', 'centre_urban')).toMatchObject({
			kind: 'indicator',
			value: null,
			met: null,
			goal: 1
		});
		const audited = await db.select().from(auditLog).where(eq(auditLog.action, 'ledger_snapshot'));
		expect(audited).toHaveLength(1);
		expect(audited[0]).toMatchObject({ actorUserId: admin, entityId: String(taken.snapshotId) });
	});

	it('takes the monthly snapshot once per local month, even when several processes check at once', async () => {
		const results = await Promise.all([1, 2, 3].map(() => ensureMonthlySnapshot(db, now)));
		expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
		expect((await ensureMonthlySnapshot(db, now)).status).toBe('exists');
		const monthly = await db.select().from(ledgerSnapshot);
		expect(monthly).toMatchObject([
			{ kind: 'monthly', monthlyKey: '2026-11', takenByUserId: null }
		]);
		// the values of the losers were not written either
		expect(await db.select().from(targetSnapshot)).toHaveLength(84);
		// 00:30 on 1 December in Jiayuguan is still 30 November in UTC: a new month there
		const december = Date.parse('2026-11-30T16:30:00Z');
		expect(localMonth(december)).toBe('2026-12');
		expect((await ensureMonthlySnapshot(db, december)).status).toBe('ok');
		// an administrator's snapshot does not count as the month's, and any number may be taken
		await takeSnapshot(db, { kind: 'manual', byUserId: admin, now: december + 1000 });
		await takeSnapshot(db, { kind: 'manual', byUserId: admin, now: december + 2000 });
		expect(await db.select().from(ledgerSnapshot)).toHaveLength(4);
		// monthly snapshots are not audited (nobody took them)
		expect(await db.select().from(auditLog)).toHaveLength(2);
	});

	it('the history shows a target moving: the city for administrators, their streets only for street planners', async () => {
		await takeSnapshot(db, { kind: 'monthly', now });
		await addMealPoint(otherStreetCommunity);
		await takeSnapshot(db, { kind: 'manual', byUserId: admin, now: now + 86_400_000 });
		const city = await targetHistory(db, await scopeFor(db, true, []));
		expect(city.areas.map((a) => a.code)).toEqual(['']);
		const meal = city.areas[0].targets.find((t) => t.key === 'meal')!;
		expect(meal.points.map((p) => p.value)).toEqual([0, 1 / 3]);
		expect(meal.goal).toBe(0.8);
		const street = await targetHistory(db, await scopeFor(db, false, [xiongguan]));
		expect(street.areas.map((a) => a.code)).toEqual([xiongguan]);
		expect(
			street.areas[0].targets.find((t) => t.key === 'meal')!.points.map((p) => p.value)
		).toEqual([0, 0]);
	});

	it("a street planner's ledger has their street and its communities, not the city or another street", async () => {
		const scope = await scopeFor(db, false, [xiongguan]);
		expect(ledgerAreas(scope).map((a) => a.code)).toEqual([xiongguan, shengli, wuyi]);
		expect(findArea(scope, 'city')).toBeNull();
		expect(findArea(scope, otherStreetCommunity)).toBeNull();
		expect(findArea(scope, gangcheng)).toBeNull();
		expect(findArea(await scopeFor(db, true, []), 'city')?.level).toBe('city');
	});

	it('the yearly ledger lists the projects and the open needs of the target’s category, and its CSV neutralises formulae', async () => {
		const raised = await raise(db, {
			category: 'meal',
			text: '想在附近吃饭',
			place: 'community',
			public: true,
			userId: resident,
			channel: 'online',
			now
		});
		if (raised.status !== 'ok') throw new Error(raised.status);
		await raise(db, {
			category: 'meal',
			text: '=HYPERLINK("http://evil")',
			place: 'home',
			public: false,
			userId: resident,
			channel: 'online',
			now: now + 1
		});
		const made = await projects.create(db, {
			...projects.projectInput.parse({
				community: shengli,
				title: '=HYPERLINK("http://evil","助餐")',
				category: 'meal',
				place: '胜利路',
				responsibleUnit: '胜利社区居委会',
				plannedStart: '2026-12-01',
				plannedEnd: '2027-03-31'
			}),
			byUserId: admin,
			now
		});
		if (made.status !== 'ok') throw new Error(made.status);
		await takeSnapshot(db, { kind: 'monthly', now });
		await takeSnapshot(db, { kind: 'manual', byUserId: admin, now: now + 1000 });
		const scope = await scopeFor(db, true, []);
		const ledger = await areaLedger(db, findArea(scope, shengli)!, 2026);
		const meal = ledger.lines.find((l) => l.key === 'meal')!;
		expect(meal).toMatchObject({ series: [0, 0], goal: 0.8, gap: 0.8, openNeeds: 2 });
		expect(meal.projects.map((p) => p.id)).toEqual([made.id]);
		// surveys and the indicators are about no category: no projects, no needs
		expect(ledger.lines.find((l) => l.key === 'survey')).toMatchObject({
			categories: [],
			projects: [],
			openNeeds: 0
		});
		// another year has no records
		expect((await areaLedger(db, findArea(scope, shengli)!, 2025)).lines).toEqual([]);

		const csv = Papa.parse<string[]>(areaLedgerCsv(ledger).replace(/^\uFEFF/, ''), {
			skipEmptyLines: true
		}).data;
		const header = csv[0];
		const mealRows = csv.filter((r) => r[header.indexOf('key')] === 'meal');
		expect(mealRows).toHaveLength(2);
		expect(mealRows[0][header.indexOf('projects')]).toBe('\'=HYPERLINK("http://evil","助餐")');
		expect(mealRows[0][header.indexOf('value')]).toBe('0');

		const byTarget = await targetLedger(db, ledgerAreas(scope), 'target', 'meal', 2026);
		expect(byTarget.rows.map((r) => r.area.code)).toEqual([
			'',
			xiongguan,
			gangcheng,
			shengli,
			wuyi,
			otherStreetCommunity
		]);
		expect(byTarget.rows.find((r) => r.area.code === xiongguan)).toMatchObject({
			value: 0,
			missing: 2,
			openNeeds: 2
		});
		const rows = Papa.parse<string[]>(targetLedgerCsv(byTarget).replace(/^\uFEFF/, ''), {
			skipEmptyLines: true
		}).data;
		expect(rows).toHaveLength(7);
		expect(rows.find((r) => r.includes(shengli))![rows[0].indexOf('projects')]).toMatch(/^'=/);
	});
});
