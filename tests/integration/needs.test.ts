import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { expectApiRefusal, newClient, registerResident, signedInClient } from './accounts-helpers';

// 居民需求清单 over HTTP: the API's shapes and refusals, and attacks — another community's staff, a
// repeated or parallel "我也需要", markup in the text, a flood of needs.

const shengli = '620201001002';
const wuyi = '620201002004';

async function needRow(id: number) {
	const [row] = await withServerDb((db) =>
		db.select().from(schema.need).where(eq(schema.need.id, id)).limit(1)
	);
	return row;
}

test.describe.configure({ mode: 'serial' });

test('raise, list publicly without names, support once; other community refused', async () => {
	const raiser = await registerResident();
	const text = `<script>alert(1)</script> 想有个助餐点 =HYPERLINK("x") ${Date.now()}`;
	const created = await raiser.client.post('/api/v1/needs', {
		data: { category: 'meal', text, public: true }
	});
	expect(created.status()).toBe(201);
	const { need } = await created.json();
	expect(need).toMatchObject({ status: 'open', communityCode: shengli });

	const anonymous = await newClient();
	const listed = await anonymous.get(`/api/v1/needs?community=${shengli}`);
	expect(listed.status()).toBe(200);
	const body = await listed.json();
	const mine = body.needs.find((n: { id: number }) => n.id === need.id);
	expect(mine).toMatchObject({ category: 'meal', text, status: 'open', supporters: 0 });
	expect(Object.keys(mine).sort()).toEqual(
		['category', 'createdAt', 'id', 'status', 'supporters', 'text'].sort()
	);
	expect(JSON.stringify(body)).not.toContain(raiser.phone);
	expect(JSON.stringify(body)).not.toContain('测试居民');

	// the page shows the markup as text
	const page = await anonymous.get(`/needs?community=${shengli}`);
	const html = await page.text();
	expect(html).not.toContain('<script>alert(1)</script>');
	expect(html).toContain('&lt;script>alert(1)&lt;/script>');

	// a neighbour supports it: twice changes nothing
	const neighbour = await signedInClient('13900000001');
	const first = await neighbour.post(`/api/v1/needs/${need.id}/support`);
	expect(first.status()).toBe(200);
	expect(await first.json()).toEqual({ supporters: 1, added: true });
	const again = await neighbour.post(`/api/v1/needs/${need.id}/support`);
	expect(await again.json()).toEqual({ supporters: 1, added: false });
	// the person's own support changes nothing either
	expect(await (await raiser.client.post(`/api/v1/needs/${need.id}/support`)).json()).toEqual({
		supporters: 1,
		added: false
	});

	// a resident of 五一社区 may not support 胜利社区's need
	const outsider = await registerResident(undefined, { communityCode: wuyi });
	await expectApiRefusal(
		await outsider.client.post(`/api/v1/needs/${need.id}/support`),
		403,
		'forbidden'
	);
	expect((await needRow(need.id)).supporters).toBe(1);

	// another community's staff cannot triage it: 403, nothing written
	const otherStaff = await signedInClient('13900000012');
	const refused = await otherStaff.post('/staff/needs?/triage', {
		form: { needId: String(need.id), action: 'decline', answer: '不归我们管' }
	});
	expect(refused.status()).toBe(403);
	const after = await needRow(need.id);
	expect(after).toMatchObject({ status: 'open', answer: null });
	const audits = await withServerDb((db) =>
		db
			.select()
			.from(schema.auditLog)
			.where(eq(schema.auditLog.entityId, String(need.id)))
	);
	expect(audits.filter((a) => a.entity === 'need')).toHaveLength(0);

	// the community's staff can
	const staff = await signedInClient('13900000011');
	const accepted = await staff.post('/staff/needs?/triage', {
		form: { needId: String(need.id), action: 'decline', answer: '' }
	});
	expect(accepted.status()).toBe(400); // 不纳入 needs a reason
	expect((await needRow(need.id)).status).toBe('open');
	const done = await staff.post('/staff/needs?/triage', {
		form: { needId: String(need.id), action: 'accept', answer: '已受理' }
	});
	expect(done.status()).toBe(200);
	expect((await needRow(need.id)).status).toBe('accepted');
	const told = await withServerDb((db) =>
		db.select().from(schema.notification).where(eq(schema.notification.kind, 'need_updated'))
	);
	expect(told.map((n) => n.userId)).toEqual(expect.arrayContaining([raiser.id]));
});

test('a burst of parallel supports counts each person once', async () => {
	const raiser = await registerResident();
	const created = await raiser.client.post('/api/v1/needs', {
		data: { category: 'other', text: '想在小区里装个晾衣架' }
	});
	const { need } = await created.json();
	const people = [
		await signedInClient('13900000001'),
		await signedInClient('13900000002'),
		await signedInClient('13900000003')
	];
	const taps = people.flatMap((client) =>
		Array.from({ length: 6 }, () => client.post(`/api/v1/needs/${need.id}/support`))
	);
	const answers = await Promise.all(taps);
	expect(answers.every((a) => a.status() === 200)).toBe(true);
	const added = (await Promise.all(answers.map((a) => a.json()))).filter((b) => b.added);
	expect(added).toHaveLength(3);
	expect((await needRow(need.id)).supporters).toBe(3);
	const rows = await withServerDb((db) =>
		db.select().from(schema.needSupport).where(eq(schema.needSupport.needId, need.id))
	);
	expect(rows).toHaveLength(3);
});

test('bad input is a clear 4xx in the person’s language, nothing written; raising is rate-limited', async () => {
	const raiser = await registerResident();
	const visitor = await newClient();
	const count = async () =>
		(
			await withServerDb((db) =>
				db.select().from(schema.need).where(eq(schema.need.userId, raiser.id))
			)
		).length;
	await expectApiRefusal(
		await raiser.client.post('/api/v1/needs', {
			data: { category: 'meal', text: 'x'.repeat(501) }
		}),
		400,
		'invalid_input'
	);
	await expectApiRefusal(
		await raiser.client.post('/api/v1/needs', { data: { category: 'nope', text: '想要' } }),
		400,
		'invalid_input'
	);
	await expectApiRefusal(
		await raiser.client.post('/api/v1/needs', {
			data: { category: 'meal', text: '想要', lng: 98.2 }
		}),
		400,
		'invalid_input'
	);
	await expectApiRefusal(
		await raiser.client.post('/api/v1/needs/abc/support'),
		400,
		'invalid_input'
	);
	await expectApiRefusal(await visitor.get('/api/v1/needs?community=x'), 400, 'invalid_input');
	await expectApiRefusal(
		await visitor.get('/api/v1/needs?community=620201009999'),
		404,
		'not_found'
	);
	expect(await count()).toBe(0);
	for (let i = 0; i < 5; i++)
		expect(
			(
				await raiser.client.post('/api/v1/needs', { data: { category: 'meal', text: `需求${i}` } })
			).status()
		).toBe(201);
	const limited = await raiser.client.post('/api/v1/needs', {
		data: { category: 'meal', text: '第六条' }
	});
	await expectApiRefusal(limited, 429, 'rate_limited');
	expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
	expect(await count()).toBe(5);
});
