import { expect, test, type Browser } from '@playwright/test';
import { and, desc, eq } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { registerResident } from '../integration/accounts-helpers';
import { elderPage, elderPhone, expectElderRules } from './elder-checks';
import { horizontalOverflow, screenshot, viewports } from './helpers';

// The done-means journey of issue 19: staff open a volunteer station, a resident registers and is
// approved; the elder asks for 陪同就医 in 长辈版 in three taps, the volunteer (nearest free by
// walking minutes) accepts, the elder confirms it happened, and the hours appear on the volunteer's
// page. Screenshots at 375 and 1280 px.

const hourMs = 3_600_000;

async function signedIn(
	browser: Browser,
	phone: string,
	password: string,
	viewport: keyof typeof viewports
) {
	const context = await browser.newContext({
		viewport: viewports[viewport],
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: viewport === 'phone' ? 2 : 1
	});
	const page = await context.newPage();
	const login = await page.request.post('/api/v1/auth/login', { data: { phone, password } });
	expect(login.status()).toBe(200);
	return page;
}

test('an elder asks for 陪同就医 in 长辈版, the nearest free volunteer accepts, the elder confirms, the hours appear', async ({
	browser
}) => {
	// staff of 胜利社区 open a station at one of the community's service points
	const stationName = `胜利社区志愿服务站 ${Date.now()}`;
	const staff = await signedIn(browser, '13900000011', 'jyg-demo-2026', 'desktop');
	await staff.goto('/staff/volunteers');
	const stationForm = staff.getByTestId('station-form');
	await stationForm.getByLabel('站点名称').fill(stationName);
	await stationForm.getByLabel('地点', { exact: true }).fill('胜利社区综合服务中心一楼');
	await stationForm.locator('select[name=servicePointId]').selectOption({ index: 1 });
	await stationForm.getByLabel('服务时间').fill('每天 8:00–18:00');
	await stationForm.getByLabel('陪同就医').check();
	await stationForm.getByRole('button', { name: '新增志愿服务站' }).click();
	await expect(staff.getByRole('status')).toContainText('志愿服务站已添加');
	await expect(staff.getByTestId('staff-stations')).toContainText(stationName);

	// a resident registers as a volunteer: 陪同就医, free all week, 30 minutes' walk at most
	const person = await registerResident();
	const volunteer = await signedIn(browser, person.phone, person.password, 'phone');
	await volunteer.goto('/volunteer');
	const form = volunteer.getByTestId('volunteer-register');
	await form.locator('select[name=stationId]').selectOption({ label: `胜利社区 · ${stationName}` });
	await form.getByLabel('陪同就医').check();
	const boxes = form.locator('input[name=free]');
	for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
	await form.getByLabel('最远步行（分钟）').fill('30');
	// ticks made while the page hydrates must still be there
	await expect(form.getByLabel('陪同就医')).toBeChecked();
	await expect(boxes.last()).toBeChecked();
	await expect(form.locator('select[name=stationId] option:checked')).toHaveText(
		`胜利社区 · ${stationName}`
	);
	await form.getByRole('button', { name: '申请成为志愿者' }).click();
	await expect(volunteer.getByTestId('volunteer-status')).toHaveText('等待站点审核');
	expect(await horizontalOverflow(volunteer)).toBeLessThanOrEqual(0);
	await screenshot(volunteer, 'volunteer-registered-375');

	// the station's staff approve (the card of this person, by their masked phone)
	const masked = `${person.phone.slice(0, 3)}****${person.phone.slice(7)}`;
	await staff.goto('/staff/volunteers');
	const card = staff.getByTestId('staff-volunteers').locator('li').filter({ hasText: masked });
	await card.getByRole('button', { name: /^通过/ }).click();
	await expect(card).toContainText('已通过，可以接单');
	await screenshot(staff, 'staff-volunteers-1280');

	// the elder, in 长辈版: the tile, 陪同就医, 明天上午 — three taps
	const elder = await elderPage(browser, 'phone', elderPhone);
	await elder.goto('/elder');
	await elder.getByTestId('help-task').click();
	await expect(elder).toHaveURL(/\/elder\/help$/);
	await expectElderRules(elder);
	await elder.getByTestId('elder-help-items').getByRole('link', { name: '陪同就医' }).click();
	await expect(elder.getByTestId('elder-help-item')).toHaveText('陪同就医');
	await expectElderRules(elder);
	await screenshot(elder, 'elder-help-when-375');
	await elder.getByTestId('elder-help-time').filter({ hasText: '明天上午' }).click();
	await expect(elder.getByTestId('elder-help-done')).toContainText('已发出求助');
	const request = await withServerDb(async (db) => {
		const [row] = await db
			.select({ id: schema.helpRequest.id, status: schema.helpRequest.status })
			.from(schema.helpRequest)
			.innerJoin(schema.user, eq(schema.user.id, schema.helpRequest.elderUserId))
			.where(and(eq(schema.user.phone, elderPhone), eq(schema.helpRequest.item, 'medical_escort')))
			.orderBy(desc(schema.helpRequest.id))
			.limit(1);
		return row;
	});
	expect(request.status).toBe('offered');

	// the volunteer has it on offer — the community and the walk, not yet the elder's name — and accepts
	await volunteer.goto('/volunteer');
	const offer = volunteer.getByTestId('volunteer-offers').locator(`li[data-id="${request.id}"]`);
	await expect(offer).toContainText('陪同就医');
	await expect(offer).toContainText(/步行约 \d+ 分钟/);
	await expect(offer).not.toContainText('李秀兰');
	await offer.getByRole('button', { name: '我来帮忙（接单）' }).click();
	const job = volunteer.getByTestId('volunteer-accepted').locator(`li[data-id="${request.id}"]`);
	await expect(job).toContainText('李秀兰');
	await expect(job).toContainText('139****0002');
	await expect(job.getByRole('link', { name: '给李秀兰打电话' })).toHaveAttribute(
		'href',
		'tel:13900000002'
	);
	// the flat is for the day itself
	await expect(job).toContainText('门牌号当天显示');
	await screenshot(volunteer, 'volunteer-accepted-375');

	// the elder sees who is coming, with a call button
	await elder.goto('/elder/help');
	const mine = elder.locator(`[data-testid=elder-help-request][data-status=accepted]`).first();
	await expect(mine).toContainText('志愿者：测试居民');
	await expect(mine.getByRole('link', { name: '给测试居民打电话' })).toHaveAttribute(
		'href',
		`tel:${person.phone}`
	);
	await expectElderRules(elder);
	await screenshot(elder, 'elder-help-accepted-375');

	// the elder's daughter (a linked carer) follows it on the standard page
	const carer = await signedIn(browser, '13900000003', 'jyg-demo-2026', 'desktop');
	await carer.goto('/help');
	await expect(
		carer.locator(`[data-testid=help-request][data-status=accepted]`).first()
	).toContainText('志愿者：测试居民');
	await screenshot(carer, 'help-carer-1280');
	await carer.context().close();

	// the morning has come and gone (moved for the test); the elder confirms it happened
	await withServerDb((db) =>
		transaction(db, (tx) =>
			tx
				.update(schema.helpRequest)
				.set({
					wantedStartAt: new Date(Date.now() - 3 * hourMs),
					wantedEndAt: new Date(Date.now() - hourMs)
				})
				.where(eq(schema.helpRequest.id, request.id))
		)
	);
	const wide = await elderPage(browser, 'desktop', elderPhone);
	await wide.goto('/elder/help');
	await wide.getByTestId('elder-help-confirm').first().click();
	await expect(wide.locator('.form-message[role=status]')).toContainText('服务时长已记录');
	await expectElderRules(wide);
	await screenshot(wide, 'elder-help-confirmed-1280');

	// the hours appear on the volunteer's page
	await volunteer.goto('/volunteer');
	await expect(volunteer.getByTestId('volunteer-total')).toHaveText('累计服务时长：2 小时 0 分');
	await expect(volunteer.getByTestId('volunteer-services')).toContainText('陪同就医');
	expect(await horizontalOverflow(volunteer)).toBeLessThanOrEqual(0);
	await screenshot(volunteer, 'volunteer-hours-375');
	const desk = await signedIn(browser, person.phone, person.password, 'desktop');
	await desk.goto('/volunteer');
	await expect(desk.getByTestId('volunteer-total')).toHaveText('累计服务时长：2 小时 0 分');
	await screenshot(desk, 'volunteer-hours-1280');
	for (const page of [staff, volunteer, elder, wide, desk]) await page.context().close();
});
