import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, eq, like } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';
import {
	expectApiRefusal,
	newClient,
	registerResident,
	signedInClient,
	streetPlanner
} from './accounts-helpers';

const { notice, notification, outbox } = schema;

/**
 * 通知公告 over HTTP: a street's staff publish for one of its communities; that community's
 * residents get it in 消息 (and by text message when urgent); the public page and the API show it
 * as plain text; staff of another community (or street) are refused with nothing written.
 * The community (雄关街道's 620201001003) has no demo account, so no other test sees these notices.
 */

const code = '620201001003';
const markupTitle = `<img src=x onerror=alert(1)>停水 ${Date.now()}`;
let planner: APIRequestContext;
let shengliStaff: APIRequestContext;
let wuyiStaff: APIRequestContext;
let anonymous: APIRequestContext;
let resident: { client: APIRequestContext; phone: string; id: number };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	const admin = await signedInClient('13900000099');
	planner = await streetPlanner(admin, '620201001');
	await admin.dispose();
	shengliStaff = await signedInClient('13900000011');
	wuyiStaff = await signedInClient('13900000012');
	anonymous = await newClient();
	resident = await registerResident(undefined, { communityCode: code });
});

test.afterAll(async () => {
	for (const c of [planner, shengliStaff, wuyiStaff, anonymous, resident.client]) await c.dispose();
});

const publishForm = (title: string, extra: Record<string, string> = {}) => ({
	target: `community:${code}`,
	title,
	body: '明日 9:00–12:00 停水。\n<b>请提前储水</b>',
	...extra
});

test('staff of another community or street are refused, and nothing is written', async () => {
	const before = await countRows(notice);
	for (const client of [shengliStaff, wuyiStaff]) {
		const refused = await client.post('/staff/notices?/publish', {
			form: publishForm('越权公告', { urgent: 'on' })
		});
		expect(refused.status()).toBe(403);
		const city = await client.post('/staff/notices?/publish', {
			form: { ...publishForm('全市越权'), target: 'city' }
		});
		expect(city.status()).toBe(403);
	}
	const byResident = await resident.client.post('/staff/notices?/publish', {
		form: publishForm('居民越权')
	});
	expect(byResident.status()).toBe(403);
	expect(await countRows(notice)).toBe(before);
	expect(await countRows(outbox, like(outbox.body, '%越权%'))).toBe(0);
});

test('bad input is a 400 in Chinese, nothing written', async () => {
	const before = await countRows(notice);
	for (const form of [
		publishForm(''),
		publishForm('x'.repeat(101)),
		publishForm('日期', { validFrom: '2026-12-10', validUntil: '2026-12-01' }),
		publishForm('日期', { validFrom: '2026-13-01' }),
		{ ...publishForm('范围'), target: 'street:6202010019' }
	]) {
		const response = await planner.post('/staff/notices?/publish', { form });
		expect(response.status(), JSON.stringify(form)).toBe(400);
		expect(await response.text()).toMatch(/[\u4e00-\u9fff]/);
	}
	expect(await countRows(notice)).toBe(before);
});

test('a street’s staff publish an urgent notice: 消息 and one text message per resident there', async () => {
	const published = await planner.post('/staff/notices?/publish', {
		form: publishForm(markupTitle, { urgent: 'on', pinned: 'on' })
	});
	expect(published.status()).toBe(200);
	const [row] = await withServerDb((db) =>
		db.select().from(notice).where(eq(notice.title, markupTitle)).limit(1)
	);
	expect(row).toMatchObject({
		scope: 'community',
		communityCode: code,
		urgent: true,
		pinned: true
	});
	expect(
		await countRows(
			notification,
			and(eq(notification.userId, resident.id), eq(notification.kind, 'notice_published'))
		)
	).toBe(1);
	expect(await countRows(outbox, eq(outbox.recipient, resident.phone))).toBeGreaterThanOrEqual(1);
	expect(
		await countRows(outbox, and(eq(outbox.recipient, resident.phone), like(outbox.body, '%停水%')))
	).toBe(1);

	const messages = await resident.client.get('/notifications');
	expect(await messages.text()).toContain(`/notices/${code}#notice-${row.id}`);
});

test('the public page and the API show it as plain text; other communities do not see it', async () => {
	const page = await anonymous.get(`/notices/${code}`);
	expect(page.status()).toBe(200);
	const html = await page.text();
	expect(html).toContain('&lt;img src=x onerror=alert(1)>停水');
	expect(html).not.toContain('<img src=x onerror');
	expect(html).not.toContain('<b>请提前储水</b>');

	const api = await anonymous.get(`/api/v1/notices?community=${code}`);
	expect(api.status()).toBe(200);
	const { notices } = (await api.json()) as {
		notices: { id: number; title: string; body: string; publishedAt: string; scope: string }[];
	};
	const mine = notices.find((n) => n.title === markupTitle);
	expect(mine).toMatchObject({ scope: 'community', body: expect.stringContaining('<b>') });
	expect(Date.parse(mine!.publishedAt)).toBeGreaterThan(Date.now() - 600_000);
	// pinned first
	expect(notices[0].title).toBe(markupTitle);

	const other = await anonymous.get('/api/v1/notices?community=620201002004');
	const otherTitles = ((await other.json()) as { notices: { title: string }[] }).notices.map(
		(n) => n.title
	);
	expect(otherTitles).not.toContain(markupTitle);
});

test('the API refuses a missing or unknown community', async () => {
	await expectApiRefusal(await anonymous.get('/api/v1/notices'), 400, 'invalid_input');
	await expectApiRefusal(
		await anonymous.get('/api/v1/notices?community=<script>'),
		400,
		'invalid_input'
	);
	await expectApiRefusal(
		await anonymous.get('/api/v1/notices?community=620201009999'),
		404,
		'not_found'
	);
});

test('only its own staff withdraw it; then it is shown nowhere', async () => {
	const [row] = await withServerDb((db) =>
		db.select().from(notice).where(eq(notice.title, markupTitle)).limit(1)
	);
	const refused = await shengliStaff.post('/staff/notices?/withdraw', {
		form: { noticeId: String(row.id) }
	});
	expect(refused.status()).toBe(403);
	expect(await countRows(notice, and(eq(notice.id, row.id), eq(notice.pinned, true)))).toBe(1);
	const done = await planner.post('/staff/notices?/withdraw', {
		form: { noticeId: String(row.id) }
	});
	expect(done.status()).toBe(200);
	const api = await anonymous.get(`/api/v1/notices?community=${code}`);
	const titles = ((await api.json()) as { notices: { title: string }[] }).notices.map(
		(n) => n.title
	);
	expect(titles).not.toContain(markupTitle);
});
