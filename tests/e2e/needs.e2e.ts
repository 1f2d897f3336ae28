import { expect, test, type Browser } from '@playwright/test';
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
