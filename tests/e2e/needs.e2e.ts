import { expect, test, type Browser } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { horizontalOverflow, screenshot, viewports } from './helpers';

// 居民需求清单 in a browser: a resident raises a need, a neighbour adds "我也需要", the elder raises one
// in three taps, staff of the community accept it and the person is told in 消息.

const password = 'jyg-demo-2026';

async function signedIn(browser: Browser, phone: string, viewport: keyof typeof viewports) {
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

test('a resident raises a need, a neighbour supports it, staff accept it, the person is told', async ({
	browser
}) => {
	const text = `想在胜利社区附近有个老年食堂 <b>午饭</b> ${Date.now()}`;
	const resident = await signedIn(browser, '13900000001', 'phone');
	await resident.goto('/needs');
	await expect(resident.getByRole('heading', { level: 1 })).toContainText('胜利社区');
	const form = resident.getByTestId('raise-form');
	await form.locator('select[name=category]').selectOption('meal');
	await form.locator('textarea[name=text]').fill(text);
	await form.getByRole('button', { name: '提交需求' }).click();
	await expect(resident.getByRole('status')).toContainText('需求已提交');
	const mine = resident.getByTestId('needs-list').getByTestId('need').filter({ hasText: text });
	// markup in the text is shown as text
	await expect(mine.locator('.text')).toHaveText(text);
	expect(await mine.locator('b').count()).toBe(0);
	expect(await horizontalOverflow(resident)).toBeLessThanOrEqual(0);
	await screenshot(resident, 'needs-resident-phone');

	// the daughter (胜利社区 too) adds "我也需要" — once
	const neighbour = await signedIn(browser, '13900000003', 'desktop');
	await neighbour.goto('/needs');
	const theirs = neighbour.getByTestId('need').filter({ hasText: text });
	await theirs.getByTestId('support').click();
	await expect(theirs.getByTestId('need-supporters')).toHaveText('1 人也需要');
	await expect(theirs.getByTestId('support')).toHaveCount(0);
	await screenshot(neighbour, 'needs-public-desktop');

	// staff of 胜利社区 accept it with an answer
	const staff = await signedIn(browser, '13900000011', 'desktop');
	await staff.goto('/staff/needs');
	const item = staff.getByTestId('staff-needs').getByTestId('need').filter({ hasText: text });
	await item.locator('textarea[name=answer]').fill('已联系街道，正在选址');
	await item.getByRole('button', { name: '受理' }).click();
	await expect(item.getByRole('status')).toContainText('已处理');
	await expect(item.getByTestId('need-status')).toHaveText('已受理');
	await screenshot(staff, 'needs-staff-desktop');

	await resident.goto('/notifications');
	await expect(resident.getByText('需求有新进展').first()).toBeVisible();
	await expect(resident.locator('li', { hasText: '已联系街道，正在选址' }).first()).toBeVisible();
	await screenshot(resident, 'needs-notified-phone');
});

test('长辈版: a need in three taps from the home page, read aloud like the other pages', async ({
	browser
}) => {
	const elder = await signedIn(browser, '13900000002', 'phone');
	await elder.goto('/elder');
	await elder.getByTestId('needs-task').click(); // 1
	await expect(elder.getByTestId('elder-need-choices')).toBeVisible();
	await screenshot(elder, 'needs-elder-choices-phone');
	await elder.getByRole('link', { name: '想有人陪同看病' }).click(); // 2
	await expect(elder.getByTestId('elder-need-choice')).toHaveText('想有人陪同看病');
	await expect(elder.getByRole('button', { name: '朗读' }).first()).toBeVisible();
	await elder.getByTestId('elder-need-submit').click(); // 3
	await expect(elder.getByTestId('elder-need-done')).toBeVisible();
	expect(await horizontalOverflow(elder)).toBeLessThanOrEqual(0);
	await screenshot(elder, 'needs-elder-done-phone');
	await elder.goto('/needs');
	await expect(elder.getByTestId('own-needs')).toContainText('想有人陪同看病');
});

test('staff turn a supported need into a project; it completes with its point and shows coverage before → after', async ({
	browser
}) => {
	const text = `希望胜利社区再开一个助餐点 ${Date.now()}`;
	const resident = await signedIn(browser, '13900000001', 'desktop');
	const created = await resident.request.post('/api/v1/needs', {
		data: { category: 'meal', text }
	});
	expect(created.status()).toBe(201);
	const { need } = await created.json();
	const neighbour = await signedIn(browser, '13900000003', 'desktop');
	expect((await neighbour.request.post(`/api/v1/needs/${need.id}/support`)).status()).toBe(200);

	// a meal point of 胜利社区 stands for the one the project builds; the project's place is beside it
	const [point] = await withServerDb((db) =>
		db
			.select({
				id: schema.servicePoint.id,
				lng: schema.servicePoint.lng,
				lat: schema.servicePoint.lat
			})
			.from(schema.servicePoint)
			.where(
				and(
					eq(schema.servicePoint.communityCode, need.communityCode),
					eq(schema.servicePoint.categoryCode, 'meal')
				)
			)
			.limit(1)
	);

	const staff = await signedIn(browser, '13900000011', 'desktop');
	await staff.goto('/staff/needs');
	const item = staff.getByTestId('staff-needs').getByTestId('need').filter({ hasText: text });
	await item.getByTestId('to-project').click();
	const form = staff.getByTestId('project-form');
	await expect(form.locator('input[name=title]')).toHaveValue(text);
	await form.locator('input[name=title]').fill('胜利社区新建老年助餐点');
	await form.locator('input[name=place]').fill('胜利社区服务中心一楼');
	await form.locator('input[name=responsibleUnit]').fill('胜利社区居委会');
	await form.locator('input[name=plannedEnd]').fill('2027-03-31');
	await form.locator('input[name=lng]').fill((point.lng + 0.004).toFixed(6));
	await form.locator('input[name=lat]').fill((point.lat + 0.004).toFixed(6));
	await screenshot(staff, 'projects-form-desktop');
	await form.getByRole('button', { name: '立项' }).click();
	await expect(staff).toHaveURL(/\/staff\/projects\/\d+$/);
	const projectId = Number(/\/(\d+)$/.exec(staff.url())![1]);

	// the need follows: 已转为民生项目, and its people are told
	await resident.goto('/needs');
	await expect(
		resident
			.getByTestId('needs-list')
			.getByTestId('need')
			.filter({ hasText: text })
			.getByTestId('need-status')
	).toHaveText('已转为民生项目');

	const update = staff.getByTestId('project-update');
	await update.locator('select[name=status]').selectOption('completed');
	await update.locator('textarea[name=note]').fill('助餐点已开放，可在平台预约。');
	await update.locator('input[name=servicePointId]').fill(String(point.id));
	await update.getByRole('button', { name: '保存进展' }).click();
	await expect(staff.getByTestId('project-status')).toHaveText('已完成');

	await resident.goto(`/projects/${projectId}`);
	await expect(resident.getByTestId('project-status')).toHaveText('已完成');
	await expect(resident.getByTestId('project-point')).toBeVisible();
	await expect(resident.getByTestId('project-coverage')).toBeVisible();
	await screenshot(resident, 'projects-page-desktop');
	await resident.goto('/needs');
	await expect(
		resident
			.getByTestId('needs-list')
			.getByTestId('need')
			.filter({ hasText: text })
			.getByTestId('need-status')
	).toHaveText('已解决');
	const [row] = await withServerDb((db) =>
		db.select().from(schema.need).where(eq(schema.need.id, need.id)).limit(1)
	);
	expect(row).toMatchObject({ status: 'done', projectId });
});
