import { expect, test, type Browser } from '@playwright/test';
import { horizontalOverflow, screenshot, screenshotDir } from './helpers';

/**
 * A community worker of 五一社区 updates the community's facts in the browser (enhanced, and once
 * without JavaScript), and the administrator sees the plan's indicator move on the planning view.
 * Screenshots at 375×667 and 1280×800 for people to look at.
 */

const password = 'jyg-demo-2026';
const wuyi = '620201002004';
const sizes = { phone: { width: 375, height: 667 }, desktop: { width: 1280, height: 800 } };

async function signedIn(
	browser: Browser,
	phone: string,
	size: keyof typeof sizes,
	javaScriptEnabled = true
) {
	const context = await browser.newContext({
		viewport: sizes[size],
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: size === 'phone' ? 2 : 1,
		javaScriptEnabled
	});
	const page = await context.newPage();
	const login = await page.request.post('/api/v1/auth/login', { data: { phone, password } });
	expect(login.status()).toBe(200);
	return page;
}

/** The figure in a cell of the planning view, as shown (e.g. "25.0 人"). */
async function workersOf(admin: Awaited<ReturnType<typeof signedIn>>) {
	await admin.goto('/admin');
	const section = admin.getByTestId('indicators');
	await expect(section).toBeVisible();
	const total = await section
		.locator('tr[data-indicator="workers_per_10000_urban"] td[data-value]')
		.innerText();
	const community = await section
		.locator(`tr[data-code="${wuyi}"] td[data-indicator="workers_per_10000_urban"]`)
		.textContent();
	return { total: parseFloat(total), community: parseFloat(community ?? '') };
}

test('staff update a fact and the administrator sees the indicator move', async ({ browser }) => {
	test.setTimeout(240_000);
	const admin = await signedIn(browser, '13900000099', 'desktop');
	const before = await workersOf(admin);
	expect(before.total).toBeGreaterThan(0);

	const staff = await signedIn(browser, '13900000012', 'phone');
	await staff.goto('/staff/facts');
	await expect(staff.getByRole('heading', { level: 2 })).toContainText('五一社区 的情况');
	await screenshot(staff, 'facts-phone-before');
	const full = staff.getByLabel('专职社区工作者');
	const workers = Number(await full.inputValue());
	await full.fill(String(workers + 40));
	await staff.getByRole('button', { name: '保存并确认' }).click();
	await expect(staff.getByRole('status')).toContainText('已保存并确认');
	await expect(staff.getByTestId('facts-state')).toContainText('上次确认');
	expect(await horizontalOverflow(staff)).toBeLessThanOrEqual(0);
	await screenshot(staff, 'facts-phone-saved');

	// a bad number is refused in Chinese, next to the field, and what was typed stays
	await full.fill('很多');
	await staff.getByRole('button', { name: '保存并确认' }).click();
	await expect(staff.getByRole('alert')).toBeVisible();
	await expect(staff.getByText('请填写 0 到 10000 之间的整数')).toBeVisible();
	await expect(full).toHaveValue('很多');
	await expect(full).toHaveAttribute('aria-invalid', 'true');
	await screenshot(staff, 'facts-phone-error');

	const after = await workersOf(admin);
	expect(after.total).toBeGreaterThan(before.total);
	expect(after.community).toBeGreaterThan(before.community);
	await admin.getByTestId('indicators').scrollIntoViewIfNeeded();
	await admin.setViewportSize(sizes.desktop);
	await screenshot(admin, 'indicators-desktop');
	await admin.context().close();
	await staff.context().close();
});

test('the facts form works without JavaScript, on a phone and a desktop', async ({ browser }) => {
	const staff = await signedIn(browser, '13900000012', 'desktop', false);
	await staff.goto('/staff/facts');
	const committee = staff.getByLabel('两委成员');
	const value = Number(await committee.inputValue());
	await committee.fill(String(value === 7 ? 6 : 7));
	await staff.getByRole('button', { name: '保存并确认' }).click();
	await expect(staff.getByRole('status')).toContainText('已保存并确认');
	await expect(staff.getByLabel('两委成员')).toHaveValue(String(value === 7 ? 6 : 7));
	await screenshot(staff, 'facts-desktop-nojs');
	await staff.context().close();

	const admin = await signedIn(browser, '13900000099', 'phone');
	await admin.goto('/admin');
	await expect(admin.getByTestId('indicators-to-update')).toBeVisible();
	expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(0);
	await screenshot(admin, 'indicators-phone');
	// the indicator table itself, as the phone's screen shows it (the full page is too long to read)
	await admin.getByRole('heading', { name: '规划主要指标（专栏1）' }).scrollIntoViewIfNeeded();
	await admin.screenshot({ path: `${screenshotDir}/indicators-phone-screen.png` });
	await admin.context().close();
});
