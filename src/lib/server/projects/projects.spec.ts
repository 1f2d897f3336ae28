import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { transaction } from '../db';
import {
	auditLog,
	need,
	notification,
	project,
	projectNote,
	servicePoint,
	user
} from '../db/schema';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { raise, support } from '../needs';
import { addMealCategory, shengli, useTestDatabase } from '../testing/database';
import {
	create,
	get,
	listForCommunity,
	pointContribution,
	projectCoverage,
	projectInput,
	projectUpdateInput,
	update
} from '.';

const now = fixtureNow;
const home = '620201001001';

async function setUp() {
	const f = await createFixture();
	await transaction(f.db, async (tx) => {
		for (const id of f.residents)
			await tx.update(user).set({ communityCode: home }).where(eq(user.id, id));
	});
	const raised = await raise(f.db, {
		category: 'meal',
		text: '想在附近吃饭',
		place: 'community',
		public: true,
		userId: f.residents[0],
		channel: 'online',
		now
	});
	if (raised.status !== 'ok') throw new Error(raised.status);
	await support(f.db, { needId: raised.need.id, userId: f.residents[1], now });
	return { f, needId: raised.need.id };
}

const form = (f: Fixture, needs: number[]) =>
	projectInput.parse({
		community: home,
		title: '甲社区新建老年助餐点',
		category: 'meal',
		place: '测试路3号',
		responsibleUnit: '甲社区居委会',
		plannedStart: '2026-12-01',
		plannedEnd: '2027-03-31',
		needs: needs.map(String)
	});

describe('projects', () => {
	it('made from needs: the needs become 转为民生项目 and their people are told', async () => {
		const { f, needId } = await setUp();
		const made = await create(f.db, { ...form(f, [needId]), byUserId: f.staffId, now });
		if (made.status !== 'ok') throw new Error(made.status);
		const [n] = await f.db.select().from(need).where(eq(need.id, needId));
		expect(n).toMatchObject({ status: 'project', projectId: made.id });
		const told = await f.db.select().from(notification);
		expect(told.map((t) => t.userId).sort()).toEqual([f.residents[0], f.residents[1]].sort());
		expect((await listForCommunity(f.db, home))[0]).toMatchObject({
			status: 'planned',
			source: 'needs'
		});
		// a need already in a project cannot be linked again: nothing written
		expect((await create(f.db, { ...form(f, [needId]), byUserId: f.staffId, now })).status).toBe(
			'bad_needs'
		);
		expect(await f.db.select().from(project)).toHaveLength(1);
	});

	it('completing links the new point; the linked needs are done and told; then it is closed', async () => {
		const { f, needId } = await setUp();
		const made = await create(f.db, { ...form(f, [needId]), byUserId: f.staffId, now });
		if (made.status !== 'ok') throw new Error(made.status);
		// a point of another community is refused
		expect(
			(
				await update(f.db, {
					projectId: made.id,
					status: 'completed',
					servicePointId: f.otherPointId,
					byUserId: f.staffId,
					now
				})
			).status
		).toBe('bad_point');
		expect(
			(
				await update(f.db, {
					projectId: made.id,
					status: 'in_progress',
					note: '已选址',
					byUserId: f.staffId,
					now
				})
			).status
		).toBe('ok');
		const done = await update(f.db, {
			projectId: made.id,
			status: 'completed',
			servicePointId: f.pointId,
			note: '助餐点已开放',
			byUserId: f.staffId,
			now
		});
		expect(done).toMatchObject({ status: 'ok', needsTold: 2 });
		const [n] = await f.db.select().from(need).where(eq(need.id, needId));
		expect(n).toMatchObject({ status: 'done', answer: '助餐点已开放' });
		const page = await get(f.db, made.id);
		expect(page).toMatchObject({ status: 'completed', point: { id: f.pointId } });
		expect(page?.notes.map((x) => x.text)).toEqual(['助餐点已开放', '已选址']);
		expect(await f.db.select().from(projectNote)).toHaveLength(2);
		expect(
			(await update(f.db, { projectId: made.id, status: 'in_progress', byUserId: f.staffId, now }))
				.status
		).toBe('closed');
		const actions = (await f.db.select().from(auditLog)).map((a) => a.action);
		expect(actions).toEqual(
			expect.arrayContaining(['project_created', 'need_project', 'project_updated', 'need_done'])
		);
	});

	it('validates the form', () => {
		const base = {
			community: home,
			title: 'x',
			category: 'meal',
			place: 'p',
			responsibleUnit: 'u',
			plannedStart: '2026-12-01',
			plannedEnd: '2026-12-31'
		};
		expect(projectInput.safeParse(base).success).toBe(true);
		expect(projectInput.safeParse({ ...base, plannedEnd: '2026-11-01' }).success).toBe(false);
		expect(projectInput.safeParse({ ...base, title: '' }).success).toBe(false);
		expect(projectInput.safeParse({ ...base, lng: '98.2' }).success).toBe(false);
		expect(projectInput.safeParse({ ...base, plannedStart: '1/12/2026' }).success).toBe(false);
	});
});

describe('a completed project that builds a service point', () => {
	const coverage = {
		tierMinutes: 5,
		before: { households: 10, elderly: 2, children: 1 },
		gain: { households: 100, elderly: 40, children: 5 }
	};

	it('creates the point from the project (name, category, place, community), links it, keeps the coverage and audits it', async () => {
		const { f, needId } = await setUp();
		const made = await create(f.db, {
			...projectInput.parse({
				...Object.fromEntries(Object.entries(form(f, [needId]))),
				plannedStart: '2026-12-01',
				plannedEnd: '2027-03-31',
				needs: [String(needId)],
				lng: '98.3',
				lat: '39.81'
			}),
			byUserId: f.staffId,
			now
		});
		if (made.status !== 'ok') throw new Error(made.status);
		// not on another status, and not together with an existing point: nothing written
		for (const wrong of [
			{ status: 'in_progress' as const, createPoint: true },
			{ status: 'completed' as const, createPoint: true, servicePointId: f.pointId }
		])
			expect(
				(await update(f.db, { ...wrong, projectId: made.id, byUserId: f.staffId, now })).status
			).toBe('bad_point');
		const before = await f.db.select().from(servicePoint);
		const done = await update(f.db, {
			...projectUpdateInput.parse({
				status: 'completed',
				createPoint: 'on',
				pointName: '甲社区长者食堂'
			}),
			projectId: made.id,
			byUserId: f.staffId,
			coverage,
			now
		});
		if (done.status !== 'ok' || done.servicePointId === null) throw new Error(done.status);
		expect(await f.db.select().from(servicePoint)).toHaveLength(before.length + 1);
		const [point] = await f.db
			.select()
			.from(servicePoint)
			.where(eq(servicePoint.id, done.servicePointId));
		expect(point).toMatchObject({
			name: '甲社区长者食堂',
			categoryCode: 'meal',
			communityCode: home,
			lng: 98.3,
			lat: 39.81,
			address: '测试路3号',
			active: true
		});
		const page = await get(f.db, made.id);
		expect(page).toMatchObject({ status: 'completed', point: { id: point.id }, coverage });
		const [n] = await f.db.select().from(need).where(eq(need.id, needId));
		expect(n.status).toBe('done');
		const audit = await f.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'service_point_created'));
		expect(audit).toMatchObject([{ actorUserId: f.staffId, entityId: String(point.id) }]);
	});

	it('without a place on the map no point can be created: refused, nothing written', async () => {
		const { f } = await setUp();
		const made = await create(f.db, { ...form(f, []), byUserId: f.staffId, now });
		if (made.status !== 'ok') throw new Error(made.status);
		const points = (await f.db.select().from(servicePoint)).length;
		const result = await update(f.db, {
			...projectUpdateInput.parse({ status: 'completed', createPoint: 'on' }),
			projectId: made.id,
			byUserId: f.staffId,
			now
		});
		expect(result.status).toBe('no_place');
		expect(await f.db.select().from(servicePoint)).toHaveLength(points);
		expect((await get(f.db, made.id))?.status).toBe('planned');
		expect(
			projectUpdateInput.safeParse({ status: 'completed', pointName: 'x'.repeat(101) }).success
		).toBe(false);
	});

	it('a point that already stands: the coverage engine says what it added, kept once with the project', async () => {
		const db = await useTestDatabase();
		await addMealCategory(db);
		const [staff] = await db
			.insert(user)
			.values({ name: '社区', phone: '13900000011', role: 'staff' })
			.returning({ id: user.id });
		const point = async (lng: number) => {
			const [row] = await db
				.insert(servicePoint)
				.values({
					name: '胜利社区老年助餐点',
					categoryCode: 'meal',
					communityCode: shengli,
					lng,
					lat: 39.77,
					address: '胜利路',
					phone: '09376200000'
				})
				.returning({ id: servicePoint.id });
			return row.id;
		};
		// the residence of 胜利社区 stands at 98.29, 39.77 (100 households, 40 elders, 5 children)
		const first = await point(98.29);
		expect(
			await pointContribution(db, {
				communityCode: shengli,
				category: 'meal',
				servicePointId: first
			})
		).toEqual({
			tierMinutes: 5,
			before: { households: 0, elderly: 0, children: 0 },
			gain: { households: 100, elderly: 40, children: 5 }
		});
		const [made] = await db
			.insert(project)
			.values({
				communityCode: shengli,
				title: '胜利社区老年助餐点',
				categoryCode: 'meal',
				place: '胜利路',
				responsibleUnit: '胜利社区',
				plannedStart: '2026-01-01',
				plannedEnd: '2026-03-01',
				status: 'completed',
				source: 'needs',
				servicePointId: first,
				createdByUserId: staff.id
			})
			.returning();
		const kept = await projectCoverage(db, made);
		expect(kept?.gain.households).toBe(100);
		const [row] = await db.select().from(project).where(eq(project.id, made.id));
		expect(row.coverage).toEqual(kept);
		// a second point beside it: the first adds nobody any more (each alone covers the homes)
		await point(98.2901);
		expect(
			(
				await pointContribution(db, {
					communityCode: shengli,
					category: 'meal',
					servicePointId: first
				})
			)?.gain
		).toEqual({ households: 0, elderly: 0, children: 0 });
	});
});
