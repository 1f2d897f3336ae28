import { describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import {
	auditLog,
	notice,
	notification,
	outbox,
	staffScope,
	street,
	community,
	user
} from '../db/schema';
import { transaction } from '../db';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { current, forStaff, mayPublish, noticeInput, publish, targetOf, withdraw } from '.';
import { portalText } from '$lib/notice-text';
import { dayMs } from '$lib/time';

const now = fixtureNow;
const A = '620201001001';
const B = '620201001002';

/** residents 0–2 live in 甲社区, 3–4 in 乙社区; a third community on another street for the street scope */
async function city(): Promise<Fixture & { streetStaffId: number }> {
	const f = await createFixture(5);
	const streetStaffId = await transaction(f.db, async (tx) => {
		await tx
			.update(user)
			.set({ communityCode: A })
			.where(inArray(user.id, f.residents.slice(0, 3)));
		await tx
			.update(user)
			.set({ communityCode: B })
			.where(inArray(user.id, f.residents.slice(3)));
		await tx
			.insert(street)
			.values({ code: '620201002', name: '另一街道', kind: '街道', urban: true });
		await tx.insert(community).values({
			code: '620201002001',
			name: '丙社区',
			kind: '社区',
			streetCode: '620201002',
			centreLng: 98.3,
			centreLat: 39.8,
			address: '测试路3号',
			phone: '09376200003'
		});
		const [row] = await tx
			.insert(user)
			.values({ name: '街道工作人员', phone: '13799990000', role: 'staff' })
			.returning({ id: user.id });
		await tx.insert(staffScope).values({ userId: row.id, streetCode: '620201001' });
		return row.id;
	});
	return { ...f, streetStaffId };
}

function input(raw: Record<string, string>) {
	const parsed = noticeInput.safeParse({ title: '停水通知', body: '明日9点至12点停水。', ...raw });
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return parsed.data;
}

describe('who publishes where', () => {
	it('staff for their own community, street staff for their street, administrators anywhere', async () => {
		const f = await city();
		const staff = { id: f.staffId, role: 'staff' };
		const streetStaff = { id: f.streetStaffId, role: 'staff' };
		const admin = { id: f.adminId, role: 'admin' };
		const resident = { id: f.residents[0], role: 'resident' };
		expect(await mayPublish(f.db, staff, { scope: 'community', community: A })).toBe(true);
		expect(await mayPublish(f.db, staff, { scope: 'community', community: B })).toBe(false);
		expect(await mayPublish(f.db, staff, { scope: 'street', street: '620201001' })).toBe(false);
		expect(await mayPublish(f.db, staff, { scope: 'city' })).toBe(false);
		expect(await mayPublish(f.db, streetStaff, { scope: 'community', community: B })).toBe(true);
		expect(await mayPublish(f.db, streetStaff, { scope: 'street', street: '620201001' })).toBe(
			true
		);
		expect(await mayPublish(f.db, streetStaff, { scope: 'street', street: '620201002' })).toBe(
			false
		);
		expect(
			await mayPublish(f.db, streetStaff, { scope: 'community', community: '620201002001' })
		).toBe(false);
		expect(await mayPublish(f.db, admin, { scope: 'city' })).toBe(true);
		expect(await mayPublish(f.db, resident, { scope: 'community', community: A })).toBe(false);
	});
});

describe('publishing a notice', () => {
	it('shows it to its community (not the next one) and tells each resident there in 消息', async () => {
		const f = await city();
		const result = await publish(f.db, {
			notice: input({ target: `community:${A}` }),
			byUserId: f.staffId,
			now
		});
		expect(result.status).toBe('ok');
		expect((await current(f.db, A, now))?.map((n) => n.title)).toEqual(['停水通知']);
		expect(await current(f.db, B, now)).toEqual([]);
		const told = await f.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'notice_published'));
		expect(told.map((n) => n.userId).sort()).toEqual(f.residents.slice(0, 3).sort());
		expect(portalText('notice_published', told[0].payload as never, 'zh-CN')).toContain('停水通知');
		// not urgent: no text message
		expect(await f.db.select().from(outbox)).toHaveLength(0);
		const [audit] = await f.db.select().from(auditLog).where(eq(auditLog.entity, 'notice'));
		expect(audit).toMatchObject({ actorUserId: f.staffId, action: 'notice_published' });
	});

	it('sends a text message only when urgent, once per resident', async () => {
		const f = await city();
		await publish(f.db, {
			notice: input({ target: 'street:620201001', urgent: 'on' }),
			byUserId: f.streetStaffId,
			now
		});
		const sent = await f.db.select().from(outbox);
		expect(sent).toHaveLength(5);
		expect(sent[0].body).toContain('停水通知');
		expect(sent[0].templateId).toBe('notice_published');
	});

	it('reaches a street’s communities and the whole city, pinned first', async () => {
		const f = await city();
		await publish(f.db, {
			notice: input({ target: 'city', title: '全市' }),
			byUserId: f.adminId,
			now
		});
		await publish(f.db, {
			notice: input({ target: 'street:620201001', title: '街道', pinned: 'on' }),
			byUserId: f.adminId,
			now: now + 1
		});
		expect((await current(f.db, A, now + 2))?.map((n) => n.title)).toEqual(['街道', '全市']);
		expect((await current(f.db, '620201002001', now + 2))?.map((n) => n.title)).toEqual(['全市']);
		expect((await current(f.db, null, now + 2))?.map((n) => n.title)).toEqual(['全市']);
		expect(await current(f.db, '620201009999', now)).toBeNull();
	});

	it('is shown only within its validity days (Asia/Shanghai), and a later start tells nobody yet', async () => {
		const f = await city();
		// fixtureNow is 2026-11-26 10:00 in Jiayuguan
		await publish(f.db, {
			notice: input({
				target: `community:${A}`,
				validFrom: '2026-11-27',
				validUntil: '2026-11-28'
			}),
			byUserId: f.staffId,
			now
		});
		expect(await current(f.db, A, now)).toEqual([]);
		expect(await current(f.db, A, Date.parse('2026-11-26T16:00:00Z'))).toHaveLength(1); // 00:00 on the 27th
		expect(await current(f.db, A, Date.parse('2026-11-28T15:59:59Z'))).toHaveLength(1);
		expect(await current(f.db, A, Date.parse('2026-11-28T16:00:00Z'))).toEqual([]);
		expect(await f.db.select().from(notification)).toHaveLength(0);
	});

	it('refuses bad input: empty or long title, end before start, unknown scope, markup kept as text', () => {
		expect(noticeInput.safeParse({ target: `community:${A}`, title: '', body: 'x' }).success).toBe(
			false
		);
		expect(
			noticeInput.safeParse({ target: `community:${A}`, title: 'x'.repeat(101), body: 'x' }).success
		).toBe(false);
		expect(
			noticeInput.safeParse({
				target: `community:${A}`,
				title: 't',
				body: 'b',
				validFrom: '2026-12-02',
				validUntil: '2026-12-01'
			}).success
		).toBe(false);
		expect(noticeInput.safeParse({ target: 'planet', title: 't', body: 'b' }).success).toBe(false);
		expect(noticeInput.safeParse({ target: 'community:1', title: 't', body: 'b' }).success).toBe(
			false
		);
		expect(
			noticeInput.safeParse({
				target: `community:${A}`,
				title: 't',
				body: 'b',
				validFrom: '2026-02-30'
			}).success
		).toBe(false);
		const markup = input({ target: 'city', title: '<script>alert(1)</script>' });
		expect(markup.title).toBe('<script>alert(1)</script>');
	});

	it('writes nothing for a street or community that does not exist', async () => {
		const f = await city();
		expect(
			(
				await publish(f.db, {
					notice: input({ target: 'street:620201009' }),
					byUserId: f.adminId,
					now
				})
			).status
		).toBe('unknown_target');
		expect(await f.db.select().from(notice)).toHaveLength(0);
	});
});

describe('managing notices', () => {
	it('lists a staff member’s own notices; a withdrawn one is shown nowhere', async () => {
		const f = await city();
		const mine = await publish(f.db, {
			notice: input({ target: `community:${A}` }),
			byUserId: f.staffId,
			now
		});
		await publish(f.db, {
			notice: input({ target: `community:${B}`, title: '乙' }),
			byUserId: f.otherStaffId,
			now
		});
		const id = mine.status === 'ok' ? mine.id : 0;
		expect((await forStaff(f.db, { id: f.staffId, role: 'staff' })).map((n) => n.id)).toEqual([id]);
		expect(await forStaff(f.db, { id: f.adminId, role: 'admin' })).toHaveLength(2);
		expect(await targetOf(f.db, id)).toEqual({ scope: 'community', community: A });
		expect((await withdraw(f.db, { id, byUserId: f.staffId, now: now + dayMs })).status).toBe('ok');
		expect((await withdraw(f.db, { id, byUserId: f.staffId, now: now + dayMs })).status).toBe(
			'not_found'
		);
		expect(await current(f.db, A, now + dayMs)).toEqual([]);
		expect((await forStaff(f.db, { id: f.staffId, role: 'staff' }))[0].withdrawn).toBe(true);
	});
});
