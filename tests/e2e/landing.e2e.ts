import { expect, test, type Page } from '@playwright/test';
import { horizontalOverflow, openPage, screenshot, viewports } from './helpers';

const password = 'jyg-demo-2026';

async function logInWithForm(page: Page, phone: string) {
	await page.getByLabel('手机号').fill(phone);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Each person's first page after logging in, and what proves it is that page. */
const landings = [
	{ who: 'resident', phone: '13900000001', url: /\/map$/, heading: '我的15分钟生活圈' },
	{ who: 'elder', phone: '13900000002', url: /\/elder$/, heading: '您想办什么事？' },
	{ who: 'carer', phone: '13900000003', url: /\/map$/, heading: '我的15分钟生活圈' },
	{ who: 'staff', phone: '13900000011', url: /\/staff$/, heading: '社区工作台' },
	{ who: 'admin', phone: '13900000099', url: /\/admin$/, heading: '规划视图' }
];

for (const viewport of Object.keys(viewports) as (keyof typeof viewports)[]) {
	for (const landing of landings) {
		test(`the ${landing.who} lands on their home after logging in (${viewport})`, async ({
			browser
		}) => {
			const page = await openPage(browser, viewport);
			if (landing === landings[0]) {
				// from the header's login link on the home page: "/" is no destination of its own
				// (once per size: the way to the form is the same for everybody)
				await page.goto('/');
				// on a phone the login link is behind the header's menu button
				if (viewport === 'phone') await page.getByTestId('menu-button').click();
				await page.getByTestId('account-link').click();
				await expect(page).toHaveURL(/\/login/);
			} else await page.goto('/login');
			await expect(page.getByTestId('login-reason')).toHaveCount(0);
			await logInWithForm(page, landing.phone);
			await expect(page).toHaveURL(landing.url, { timeout: 30_000 });
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(landing.heading);
			expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
			await page.context().close();
		});
	}

	test(`a visitor sent to log in is told why and comes back to the booking (${viewport})`, async ({
		browser
	}) => {
		const page = await openPage(browser, viewport);
		await page.goto('/communities/620201001002');
		const link = page.locator('a[href^="/service-points/"]', { hasText: '助餐' }).first();
		// a tap lost twice in full runs (the URL never changed) is tapped again, as a person would
		// (booking.e2e.ts does the same; not hydration's doing: a tap before it leads on, hydration.e2e.ts;
		// cause unknown); then its slots' heading, which only a service point page has
		await expect(async () => {
			if (!page.url().includes('/service-points/')) await link.click();
			await expect(page.locator('h2#slots')).toBeVisible({ timeout: 5000 });
		}).toPass({ timeout: 60_000 });
		// other tests book this point's slots in parallel: when the days shown are full, look later
		const free = page.locator('button.slot:not(.full)');
		for (let later = 0; later < 3 && (await free.count()) === 0; later++) {
			const later = await page
				.locator('a[href*="from="]', { hasText: '更晚' })
				.getAttribute('href');
			await page.goto(new URL(later!, page.url()).toString());
		}
		await free.first().click();

		await expect(page).toHaveURL(/\/login\?next=%2Fservice-points%2F\d+%2Fbook/);
		await expect(page.getByTestId('login-reason')).toHaveText(/登录后即可预约/);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, `login-reason-${viewport}`);
		await logInWithForm(page, '13900000001');
		await expect(page).toHaveURL(/\/service-points\/\d+\/book\?slot=\d+$/, { timeout: 30_000 });
		await expect(page.getByRole('heading', { name: '确认预约' })).toBeVisible();
		await page.context().close();
	});
}

test('staff sent to log in from a bookings link land there, not on their console', async ({
	browser
}) => {
	const page = await openPage(browser, 'desktop');
	await page.goto('/notifications');
	await expect(page.getByTestId('login-reason')).toHaveText(/登录后即可查看您的消息/);
	await logInWithForm(page, '13900000011');
	await expect(page).toHaveURL(/\/notifications$/, { timeout: 30_000 });
	await page.context().close();
});

test("the login page's registration link keeps where the visitor was going", async ({
	browser
}) => {
	const page = await openPage(browser, 'phone');
	await page.goto('/login?next=%2Fbookings');
	await page.getByRole('link', { name: '注册新账号' }).click();
	await expect(page).toHaveURL(/\/register\?next=%2Fbookings$/);
	await page.context().close();
});
