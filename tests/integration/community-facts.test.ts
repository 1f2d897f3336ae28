import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, count, eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { demoPassword, newClient, signedInClient, streetPlanner } from './accounts-helpers';

const { auditLog, communityFacts, user } = schema;

/**
 * The community facts behind the plan's indicator table (issue 22) over HTTP, as a browser without
 * JavaScript sends them: only the community's staff (or an administrator) write, bad numbers are a
 * 400 in the person's language, nothing is written by a refused request, and every write is audited.
 */

const shengli = '620201001002';
let staff: APIRequestContext;
let otherStaff: APIRequestContext;
let admin: APIRequestContext;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	staff = await signedInClient('13900000011');
	otherStaff = await signedInClient('13900000012');
	admin = await signedInClient('13900000099');
});

test.afterAll(async () => {
	for (const client of [staff, otherStaff, admin]) await client.dispose();
});

const good = {
	community: shengli,
	centreAreaM2: '812.5',
	activityAreaM2: '500',
	totalBuildingAreaM2: '120000',
	commercialServiceAreaM2: '12000',
	selfService: 'on',
	committeeMembers: '7',
	fullTimeWorkers: '11',
	gridWorkers: '14',
	publicWelfareWorkers: '3'
};

/** The stored facts of 胜利社区 and how many audit rows are about them. */
function state() {
	return withServerDb(async (db) => ({
		facts: await db.select().from(communityFacts).where(eq(communityFacts.communityCode, shengli)),
		audits: (
			await db
				.select({ n: count() })
				.from(auditLog)
				.where(and(eq(auditLog.entity, 'community_facts'), eq(auditLog.entityId, shengli)))
		)[0].n
	}));
}

test('another community’s staff get 403 and write nothing; residents too', async () => {
	const before = await state();
	const forged = await otherStaff.post('/staff/facts?/save', { form: good });
	expect(forged.status()).toBe(403);
	const peek = await otherStaff.get(`/staff/facts?community=${shengli}`);
	expect(peek.status()).toBe(403);
	const resident = await signedInClient('13900000001');
	expect((await resident.post('/staff/facts?/save', { form: good })).status()).toBe(403);
	await resident.dispose();
	const anonymous = await newClient();
	const login = await anonymous.post('/staff/facts?/save', { form: good });
	expect(login.status()).toBe(303);
	expect(login.headers().location).toContain('/login');
	await anonymous.dispose();
	expect(await state()).toEqual(before);
});

test('bad numbers are a 400 in the person’s language, nothing written', async () => {
	const before = await state();
	const cases: [Record<string, string>, string, string][] = [
		[{ centreAreaM2: 'abc' }, '请填写 0 到 9999999 之间的面积', 'Enter an area from 0'],
		[{ centreAreaM2: '-5' }, '请填写 0 到 9999999 之间的面积', 'Enter an area from 0'],
		[{ centreAreaM2: '1e3' }, '请填写 0 到 9999999 之间的面积', 'Enter an area from 0'],
		[{ committeeMembers: '2.5' }, '请填写 0 到 10000 之间的整数', 'Enter a whole number'],
		[{ fullTimeWorkers: '=1+1' }, '请填写 0 到 10000 之间的整数', 'Enter a whole number'],
		[
			{ activityAreaM2: '900' },
			'居民活动区域面积不能大于综合服务设施建筑面积',
			'activity space cannot be larger'
		],
		[
			{ commercialServiceAreaM2: '120001' },
			'商业和综合服务设施面积不能大于社区总建筑面积',
			'cannot be larger than all buildings'
		]
	];
	const english = await newClient('en');
	expect(
		(
			await english.post('/api/v1/auth/login', {
				data: { phone: '13900000011', password: demoPassword }
			})
		).status()
	).toBe(200);
	for (const [change, zh, en] of cases) {
		const response = await staff.post('/staff/facts?/save', { form: { ...good, ...change } });
		expect(response.status(), JSON.stringify(change)).toBe(400);
		expect(await response.text()).toContain(zh);
		const inEnglish = await english.post('/staff/facts?/save&lang=en', {
			form: { ...good, ...change }
		});
		expect(inEnglish.status()).toBe(400);
		expect(await inEnglish.text()).toContain(en);
	}
	// a missing community, and an administrator's unknown one
	expect(
		(await staff.post('/staff/facts?/save', { form: { ...good, community: '' } })).status()
	).toBe(400);
	const unknown = await admin.post('/staff/facts?/save', {
		form: { ...good, community: '620201999999' }
	});
	expect(unknown.status()).toBe(404);
	await english.dispose();
	expect(await state()).toEqual(before);
});

test('the community’s staff save, dated and audited, and confirm unchanged facts', async () => {
	const before = await state();
	const saved = await staff.post('/staff/facts?/save', { form: good });
	expect(saved.status()).toBe(200);
	expect(await saved.text()).toContain('已保存并确认');
	const after = await state();
	const [staffRow] = await withServerDb((db) =>
		db.select({ id: user.id }).from(user).where(eq(user.phone, '13900000011'))
	);
	expect(after.facts[0]).toMatchObject({
		centreAreaM2: 812.5,
		selfService: true,
		fullTimeWorkers: 11,
		confirmedByUserId: staffRow.id,
		generated: false
	});
	expect(after.facts[0].confirmedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
	expect(after.audits).toBe(before.audits + 1);
	const again = await staff.post('/staff/facts?/save', { form: good });
	expect(await again.text()).toContain('数字没有变化，已重新确认');
	const last = await withServerDb((db) =>
		db
			.select({ action: auditLog.action, actor: auditLog.actorUserId })
			.from(auditLog)
			.where(eq(auditLog.entityId, shengli))
	);
	expect(last.slice(-2)).toEqual([
		{ action: 'community_facts.update', actor: staffRow.id },
		{ action: 'community_facts.confirm', actor: staffRow.id }
	]);
	// the page names who confirmed (a name, no phone number)
	const page = await (await staff.get(`/staff/facts?community=${shengli}`)).text();
	expect(page).toContain('上次确认');
	expect(page).not.toContain('13900000011');
});

test('parallel saves leave one row and one audit entry each', async () => {
	const before = await state();
	const responses = await Promise.all(
		['20', '21', '22', '23'].map((n) =>
			staff.post('/staff/facts?/save', { form: { ...good, gridWorkers: n } })
		)
	);
	expect(responses.map((r) => r.status())).toEqual([200, 200, 200, 200]);
	const after = await state();
	expect(after.facts).toHaveLength(1);
	expect(after.audits).toBe(before.audits + 4);
});

test('the planning view and its CSV show the indicators and the facts to update', async () => {
	const page = await (await admin.get('/admin')).text();
	for (const key of ['centre_rural', 'centre_urban', 'workers_per_10000_urban', 'activity_share'])
		expect(page).toContain(`data-indicator="${key}"`);
	expect(page).toContain('每万城镇常住人口拥有社区工作者');
	expect(page).toContain('data-testid="indicators-to-update"');
	const csv = await admin.get('/admin/indicators.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text).toContain('level,code,name,street,indicator');
	expect(text).toMatch(new RegExp(`community,${shengli},胜利社区,[^,]+,workers_per_10000_urban`));
	expect(text).toMatch(/scope,,,,centre_per_100_households,m2_per_100_households,all,30,/);
	// facts missing or stale in the demo appear as such
	expect(text).toMatch(/,missing,\r\n/);
	expect(text).toMatch(/,stale,\d{4}-/);
});

test('street staff keep the facts of their street’s communities, not another street’s', async () => {
	const planner = await streetPlanner(admin, '620201001');
	const before = await state();
	const own = await planner.post('/staff/facts?/save', { form: { ...good, gridWorkers: '30' } });
	expect(own.status()).toBe(200);
	expect((await state()).audits).toBe(before.audits + 1);
	// 五一社区 belongs to 钢城街道
	const wuyiAudits = () =>
		withServerDb(
			async (db) =>
				(await db.select().from(auditLog).where(eq(auditLog.entityId, '620201002004'))).length
		);
	const wuyiBefore = await wuyiAudits();
	const other = await planner.post('/staff/facts?/save', {
		form: { ...good, community: '620201002004' }
	});
	expect(other.status()).toBe(403);
	expect(await wuyiAudits()).toBe(wuyiBefore);
	await planner.dispose();
});
