import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { transaction } from '../db';
import { auditLog, need, needSupport, notification, user } from '../db/schema';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { listForStaff, listPublic, needInput, raise, raiseForResident, support, triage } from '.';

const now = fixtureNow;
const home = '620201001001';
const other = '620201001002';

async function placePeople(f: Fixture) {
	await transaction(f.db, async (tx) => {
		for (const id of [...f.residents.slice(0, 8), f.elderId])
			await tx.update(user).set({ communityCode: home }).where(eq(user.id, id));
		for (const id of f.residents.slice(8))
			await tx.update(user).set({ communityCode: other }).where(eq(user.id, id));
	});
}

const input = (text = '想在附近吃饭') => ({
	category: 'meal',
	text,
	place: 'community' as const,
	public: true
});

describe('raising a need', () => {
	it('is in the person’s own community, rate-limited per person', async () => {
		const f = await createFixture();
		await placePeople(f);
		const raised = await raise(f.db, {
			...input(),
			userId: f.residents[0],
			channel: 'online',
			now
		});
		expect(raised).toMatchObject({ status: 'ok', need: { communityCode: home } });
		for (let i = 0; i < 4; i++)
			expect(
				(await raise(f.db, { ...input(), userId: f.residents[0], channel: 'online', now })).status
			).toBe('ok');
		const sixth = await raise(f.db, { ...input(), userId: f.residents[0], channel: 'online', now });
		expect(sixth.status).toBe('rate_limited');
		expect(await f.db.select().from(need)).toHaveLength(5);
		// someone else is not held back by it
		expect(
			(await raise(f.db, { ...input(), userId: f.residents[1], channel: 'online', now })).status
		).toBe('ok');
	});

	it('needs a community and a known category (or 其他)', async () => {
		const f = await createFixture();
		expect(
			(await raise(f.db, { ...input(), userId: f.residents[0], channel: 'online', now })).status
		).toBe('no_community');
		await placePeople(f);
		expect(
			(
				await raise(f.db, {
					...input(),
					category: 'nope',
					userId: f.residents[0],
					channel: 'online',
					now
				})
			).status
		).toBe('no_category');
		const otherNeed = await raise(f.db, {
			...input(),
			category: 'other',
			userId: f.residents[0],
			channel: 'online',
			now
		});
		expect(otherNeed.status).toBe('ok');
		expect((await listPublic(f.db, home))[0].category).toBe('other');
	});

	it('validates text length, place and point', () => {
		expect(needInput.safeParse({ category: 'meal', text: '' }).success).toBe(false);
		expect(needInput.safeParse({ category: 'meal', text: 'x'.repeat(501) }).success).toBe(false);
		expect(needInput.safeParse({ category: 'meal', text: 'x'.repeat(500) }).success).toBe(true);
		expect(needInput.safeParse({ category: 'meal', text: 'x', lng: 98.2 }).success).toBe(false);
		expect(needInput.safeParse({ category: 'meal', text: 'x', lng: 98.2, lat: 95 }).success).toBe(
			false
		);
		expect(needInput.safeParse({ category: 'meal', text: 'x', place: 'moon' }).success).toBe(false);
		const parsed = needInput.parse({ category: 'meal', text: ' x ', public: 'false' });
		expect(parsed).toMatchObject({ text: 'x', public: false, place: 'community' });
	});

	it('by staff at the desk: for the community’s resident with that phone, audited', async () => {
		const f = await createFixture();
		await placePeople(f);
		const [elder] = await f.db
			.select({ phone: user.phone })
			.from(user)
			.where(eq(user.id, f.elderId));
		const ok = await raiseForResident(f.db, {
			...input(),
			staffUserId: f.staffId,
			communityCode: home,
			phone: elder.phone,
			channel: 'phone',
			now
		});
		expect(ok.status).toBe('ok');
		const [row] = await f.db.select().from(need);
		expect(row).toMatchObject({ userId: f.elderId, raisedByUserId: f.staffId, channel: 'phone' });
		expect((await f.db.select().from(auditLog)).map((a) => a.action)).toEqual([
			'need_raised_for_resident'
		]);
		const wrong = await raiseForResident(f.db, {
			...input(),
			staffUserId: f.staffId,
			communityCode: other,
			phone: elder.phone,
			channel: 'desk',
			now
		});
		expect(wrong.status).toBe('no_person');
	});
});

describe('我也需要', () => {
	it('counts once per person, in the community, and never the person’s own', async () => {
		const f = await createFixture();
		await placePeople(f);
		const raised = await raise(f.db, {
			...input(),
			userId: f.residents[0],
			channel: 'online',
			now
		});
		if (raised.status !== 'ok') throw new Error(raised.status);
		const needId = raised.need.id;
		expect(await support(f.db, { needId, userId: f.residents[1], now })).toEqual({
			status: 'ok',
			added: true,
			supporters: 1
		});
		expect(await support(f.db, { needId, userId: f.residents[1], now })).toEqual({
			status: 'ok',
			added: false,
			supporters: 1
		});
		expect(await support(f.db, { needId, userId: f.residents[0], now })).toMatchObject({
			added: false,
			supporters: 1
		});
		expect((await support(f.db, { needId, userId: f.residents[8], now })).status).toBe('forbidden');
		expect((await support(f.db, { needId: 9999, userId: f.residents[1], now })).status).toBe(
			'not_found'
		);
		expect(await f.db.select().from(needSupport)).toHaveLength(1);
	});

	it('counts a burst of parallel taps once each', async () => {
		const f = await createFixture();
		await placePeople(f);
		const raised = await raise(f.db, {
			...input(),
			userId: f.residents[0],
			channel: 'online',
			now
		});
		if (raised.status !== 'ok') throw new Error(raised.status);
		const needId = raised.need.id;
		const taps = [1, 2, 3, 1, 2, 3, 1, 2, 3, 4].map((i) =>
			support(f.db, { needId, userId: f.residents[i], now })
		);
		const results = await Promise.all(taps);
		expect(results.every((r) => r.status === 'ok')).toBe(true);
		const [row] = await f.db
			.select({ supporters: need.supporters })
			.from(need)
			.where(eq(need.id, needId));
		expect(row.supporters).toBe(4);
		expect(await f.db.select().from(needSupport)).toHaveLength(4);
	});

	it('a private need is listed for staff but not publicly, and cannot be supported by others', async () => {
		const f = await createFixture();
		await placePeople(f);
		const raised = await raise(f.db, {
			...input(),
			public: false,
			userId: f.residents[0],
			channel: 'online',
			now
		});
		if (raised.status !== 'ok') throw new Error(raised.status);
		expect(await listPublic(f.db, home)).toHaveLength(0);
		expect((await listForStaff(f.db, home))[0]).toMatchObject({
			public: false,
			personName: '居民1'
		});
		expect(
			(await support(f.db, { needId: raised.need.id, userId: f.residents[1], now })).status
		).toBe('not_found');
	});
});

describe('triage', () => {
	it('accepts, declines with a reason, merges within the community; audited and told to person and supporters', async () => {
		const f = await createFixture();
		await placePeople(f);
		const a = await raise(f.db, {
			...input('想在附近吃饭'),
			userId: f.residents[0],
			channel: 'online',
			now
		});
		const b = await raise(f.db, {
			...input('附近有没有食堂'),
			userId: f.residents[1],
			channel: 'online',
			now
		});
		const c = await raise(f.db, {
			...input('乙社区的需求'),
			userId: f.residents[8],
			channel: 'online',
			now
		});
		if (a.status !== 'ok' || b.status !== 'ok' || c.status !== 'ok') throw new Error('raise');
		await support(f.db, { needId: a.need.id, userId: f.residents[2], now });
		const accepted = await triage(f.db, {
			needId: a.need.id,
			action: 'accept',
			answer: '正在联系助餐点',
			byUserId: f.staffId,
			now
		});
		expect(accepted).toEqual({ status: 'ok', needStatus: 'accepted', notified: 2 });
		const told = await f.db.select().from(notification);
		expect(told.map((n) => n.userId).sort()).toEqual([f.residents[0], f.residents[2]].sort());
		expect(told[0].payload).toMatchObject({
			needId: a.need.id,
			needStatus: 'accepted',
			reply: '正在联系助餐点'
		});
		// merging into another community's need is refused, nothing written
		expect(
			(
				await triage(f.db, {
					needId: b.need.id,
					action: 'merge',
					into: c.need.id,
					byUserId: f.staffId,
					now
				})
			).status
		).toBe('bad_merge');
		expect(
			(
				await triage(f.db, {
					needId: b.need.id,
					action: 'merge',
					into: b.need.id,
					byUserId: f.staffId,
					now
				})
			).status
		).toBe('bad_merge');
		expect(
			(
				await triage(f.db, {
					needId: b.need.id,
					action: 'merge',
					into: a.need.id,
					byUserId: f.staffId,
					now
				})
			).status
		).toBe('ok');
		const [merged] = await f.db.select().from(need).where(eq(need.id, b.need.id));
		expect(merged).toMatchObject({ status: 'merged', mergedIntoId: a.need.id });
		expect(
			(await triage(f.db, { needId: b.need.id, action: 'accept', byUserId: f.staffId, now })).status
		).toBe('closed');
		expect(
			(
				await triage(f.db, {
					needId: c.need.id,
					action: 'decline',
					answer: '不属于社区服务范围',
					byUserId: f.otherStaffId,
					now
				})
			).status
		).toBe('ok');
		const audits = await f.db.select().from(auditLog);
		expect(audits.map((r) => r.action)).toEqual(['need_accept', 'need_merge', 'need_decline']);
		expect((await listPublic(f.db, other))[0]).toMatchObject({
			status: 'declined',
			answer: '不属于社区服务范围'
		});
		expect(JSON.stringify(await listPublic(f.db, home))).not.toMatch(/居民|"1\d{10}"|userId|phone/);
	});
});
