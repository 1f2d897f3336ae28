import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { transaction } from '../db';
import { auditLog, need, notification, project, projectNote, user } from '../db/schema';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { raise, support } from '../needs';
import { create, get, listForCommunity, projectInput, update } from '.';

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
		expect(done).toEqual({ status: 'ok', needsTold: 2 });
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
