import AxeBuilder from './axe';
import { expect, test, type Browser } from '@playwright/test';
import { horizontalOverflow, screenshot } from './helpers';
import { registerResident } from '../integration/accounts-helpers';

/** The standard header on phones: one bar ≤ 64 px, the rest behind a menu button. */

async function phone(
	browser: Browser,
	options: { javaScriptEnabled?: boolean; width?: number } = {}
) {
	const context = await browser.newContext({
		viewport: { width: options.width ?? 375, height: 667 },
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: 2,
		javaScriptEnabled: options.javaScriptEnabled ?? true
	});
	return context.newPage();
}

/** A fresh resident with one unread message (the booking confirmation), signed in in `browser`. */
async function residentWithUnreadMessage(
	browser: Browser,
	viewport: { width: number; height: number }
) {
	const resident = await registerResident();
	const slots = await resident.client.get('/api/v1/service-points/1/slots');
	// the last free time shown: its reminder is not due yet, so the one unread message is the confirmation
	const free = (await slots.json()).slots.findLast((s: { free: number }) => s.free > 0);
	expect(
		(await resident.client.post('/api/v1/bookings', { data: { slotId: free.id } })).status()
	).toBe(201);
	const { cookies } = await resident.client.storageState();
	await resident.client.dispose();
	const context = await browser.newContext({
		viewport,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai'
	});
	await context.addCookies(cookies);
	return context.newPage();
}

test('phone: the header is one bar of at most 64 px; the menu opens, is keyboard-operable and closes', async ({
	browser
}) => {
	for (const width of [375, 320]) {
		const page = await phone(browser, { width });
		await page.goto('/communities');
		const header = page.locator('header');
		expect((await header.boundingBox())!.height, `header at ${width} px`).toBeLessThanOrEqual(64);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await expect(header.getByTestId('mode-switch')).toBeVisible();
		const menu = page.getByTestId('menu-button');
		await expect(menu).toBeVisible();
		const map = header.getByRole('link', { name: '地图' });
		await expect(map).toBeHidden();

		// a disclosure: announced as a button with its state, opened with the keyboard
		await expect(page.locator('details.menu')).not.toHaveAttribute('open');
		await menu.focus();
		await page.keyboard.press('Enter');
		await expect(map).toBeVisible();
		await expect(header.getByRole('link', { name: '社区' })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(header.getByTestId('account-link')).toBeVisible();
		await expect(header.getByTestId('language-switch')).toBeVisible();
		if (width === 375) await screenshot(page, 'header-menu-open-phone');
		const axe = await new AxeBuilder({ page })
			.include('header')
			.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
			.analyze();
		expect(axe.violations.map((v) => v.id)).toEqual([]);

		// Escape closes it and gives the focus back to the button
		await page.keyboard.press('Escape');
		await expect(map).toBeHidden();
		await expect(menu).toBeFocused();

		// a link in it navigates and the menu closes behind it (the header stays mounted)
		await menu.click();
		await map.click();
		await expect(page).toHaveURL(/\/map$/);
		await expect(map).toBeHidden();

		// a tap outside it (on text below it) closes it
		await menu.click();
		await expect(map).toBeVisible();
		await page.locator('footer p').first().click();
		await expect(map).toBeHidden();
		await page.context().close();
	}
});

test('phone: the menu works without JavaScript', async ({ browser }) => {
	const page = await phone(browser, { javaScriptEnabled: false });
	await page.goto('/');
	expect((await page.locator('header').boundingBox())!.height).toBeLessThanOrEqual(64);
	const map = page.locator('header').getByRole('link', { name: '地图' });
	await expect(map).toBeHidden();
	await page.getByTestId('menu-button').click();
	await map.click();
	await expect(page).toHaveURL(/\/map$/);
	// the 长辈版 switch is a form: it works without JavaScript too
	await page.getByTestId('mode-switch').click();
	await expect(page).toHaveURL(/\/elder$/);
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
	await page.context().close();
});

test('消息 shows the unread count, seen and heard ("消息，1 条未读"), on phones and desktops', async ({
	browser
}) => {
	const page = await residentWithUnreadMessage(browser, { width: 375, height: 667 });
	await page.goto('/');
	const menu = page.getByTestId('menu-button');
	// the menu button tells there is something unread before it is opened
	await expect(menu).toHaveAccessibleName('菜单，1 条未读');
	await expect(menu.locator('.badge')).toHaveText('1');
	// the count does not push the bar onto a second row
	expect((await page.locator('header').boundingBox())!.height).toBeLessThanOrEqual(64);
	await menu.click();
	const messages = page.locator('header').getByRole('link', { name: '消息，1 条未读' });
	await expect(messages).toBeVisible();
	await expect(messages.locator('.badge')).toHaveText('1');
	await screenshot(page, 'header-unread-phone');

	// reading them clears the count
	await messages.click();
	await page.getByRole('button', { name: '全部标为已读' }).click();
	await expect(page.getByTestId('menu-button')).toHaveAccessibleName('菜单');
	await page.context().close();

	const desktop = await residentWithUnreadMessage(browser, { width: 1280, height: 800 });
	await desktop.goto('/');
	// no menu button on a wide screen: the links are in the header
	await expect(desktop.getByTestId('menu-button')).toBeHidden();
	await expect(
		desktop.locator('header').getByRole('link', { name: '消息，1 条未读' })
	).toBeVisible();
	await expect(desktop.locator('header').getByRole('link', { name: '地图' })).toBeVisible();
	// and reached with the keyboard, straight after the 长辈版 switch
	await desktop.getByTestId('mode-switch').focus();
	await desktop.keyboard.press('Tab');
	await expect(desktop.locator('header').getByRole('link', { name: '首页' })).toBeFocused();
	await screenshot(desktop, 'header-unread-desktop');
	await desktop.context().close();
});
