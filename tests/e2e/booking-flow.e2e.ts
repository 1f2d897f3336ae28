import { expect, test, type Browser, type Page } from '@playwright/test';
import AxeBuilder from './axe';
import { horizontalOverflow, screenshot } from './helpers';
import { randomPhone, registerResident } from '../integration/accounts-helpers';

const demoPassword = 'jyg-demo-2026';
/** The sizes the issue names: a small phone and a laptop. */
const sizes = { phone: { width: 375, height: 667 }, desktop: { width: 1280, height: 800 } };

async function signedIn(
	browser: Browser,
	phone: string,
	password: string,
	size: keyof typeof sizes = 'desktop'
) {
	const context = await browser.newContext({
		viewport: sizes[size],
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: size === 'phone' ? 2 : 1
	});
	const login = await context.request.post('/api/v1/auth/login', { data: { phone, password } });
	expect(login.status()).toBe(200);
	return context.newPage();
}

/** 胜利社区's meal point, from the community page, as a resident finds it. */
async function mealPointUrl(page: Page): Promise<string> {
	await page.goto('/communities/620201001002');
	const href = await page
		.locator('a[href^="/service-points/"]', { hasText: '助餐' })
		.first()
		.getAttribute('href');
	return href!.replace(/[?#].*$/, '');
}

async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag22aa'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

/** A free time on a later day (cancelling is then before the cut-off whatever the hour). */
const laterFreeSlot = (page: Page) =>
	page.locator('fieldset').nth(1).locator('button.slot:not(.full)');

test('a held slot is marked and not offered again; the rules show before confirming', async ({
	browser
}) => {
	const resident = await registerResident(randomPhone(), { name: '周敏' });
	await resident.client.dispose();
	for (const size of Object.keys(sizes) as (keyof typeof sizes)[]) {
		const page = await signedIn(browser, resident.phone, resident.password, size);
		const point = await mealPointUrl(page);
		await page.goto(`${point}#slots`);
		const slot = laterFreeSlot(page).first();
		const slotId = await slot.getAttribute('value');
		await slot.click();

		// step 2: the rules before the button
		await expect(page.getByRole('heading', { name: '确认预约' })).toBeVisible();
		const rules = page.getByTestId('book-rules');
		await expect(rules).toContainText(/需在开始前至少 .+预约/);
		await expect(rules).toContainText(/开始前 .+以前可以在网上取消或改约/);
		await expect(rules.locator('a[href^="tel:"]')).toBeVisible();
		// the rules come before the confirm button
		const rulesBox = (await rules.boundingBox())!;
		const buttonBox = (await page.getByRole('button', { name: '确认预约' }).boundingBox())!;
		expect(rulesBox.y).toBeLessThan(buttonBox.y);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, `booking-rules-${size}`);
		await page.getByRole('button', { name: '确认预约' }).click();
		await expect(page.getByRole('heading', { name: '预约成功' })).toBeVisible();
		const bookingPath = new URL(page.url()).pathname;

		// the picker marks the held time, links to the booking, and offers no button for it
		await page.goto(`${point}#slots`);
		const held = page.locator(`[data-testid="slot-held"][href="${bookingPath}"]`);
		await expect(held).toHaveText(/已预约/);
		await expect(page.locator(`button.slot[value="${slotId}"]`)).toHaveCount(0);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await expectAccessible(page);
		await screenshot(page, `booking-held-${size}`);

		// a stale link to the same time: no second confirm, a link to the booking instead
		await page.goto(`${point}/book?slot=${slotId}`);
		await expect(page.getByTestId('book-held')).toContainText('您已预约这个时段');
		await expect(page.getByTestId('book-held').getByRole('link')).toHaveAttribute(
			'href',
			bookingPath
		);
		await expect(page.getByRole('button', { name: '确认预约' })).toHaveCount(0);
		await page.context().close();
	}
});

test('cancelling asks first, the reason is optional, and the booking moves to 已取消', async ({
	browser
}) => {
	const resident = await registerResident(randomPhone(), { name: '吴刚' });
	await resident.client.dispose();
	for (const size of Object.keys(sizes) as (keyof typeof sizes)[]) {
		const page = await signedIn(browser, resident.phone, resident.password, size);
		await page.goto(`${await mealPointUrl(page)}#slots`);
		await laterFreeSlot(page).first().click();
		await page.getByRole('button', { name: '确认预约' }).click();
		await expect(page.getByRole('heading', { name: '预约成功' })).toBeVisible();
		const bookingPath = new URL(page.url()).pathname;
		const code = (await page.getByTestId('booking-code').textContent())!.trim();

		// the first press only asks
		await page.getByRole('link', { name: '取消预约' }).click();
		const confirm = page.getByTestId('cancel-confirm');
		await expect(confirm).toContainText('确定取消');
		await expect(confirm).toContainText('吗？');
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await expectAccessible(page);
		await screenshot(page, `booking-cancel-confirm-${size}`);
		// "不取消" keeps it
		await confirm.getByRole('link', { name: '不取消' }).click();
		await expect(page.getByTestId('cancel-confirm')).toHaveCount(0);
		await expect(page.getByTestId('booking-code')).toHaveText(code);
		// now really, without a reason
		await page.getByRole('link', { name: '取消预约' }).click();
		await page.getByRole('button', { name: '确定取消' }).click();
		await expect(page.getByRole('status')).toContainText('预约已取消');

		await page.goto('/bookings');
		const cancelled = page.locator('section[aria-labelledby="cancelled"]');
		await expect(cancelled.getByRole('heading', { name: '已取消' })).toBeVisible();
		await expect(cancelled.locator(`a[href="${bookingPath}"]`)).toBeVisible();
		await expect(
			page.locator(`section[aria-labelledby="past"] a[href="${bookingPath}"]`)
		).toHaveCount(0);
		await expect(
			page.locator(`section[aria-labelledby="upcoming"] a[href="${bookingPath}"]`)
		).toHaveCount(0);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, `bookings-cancelled-${size}`);
		await page.context().close();
	}
});

test("a carer arriving from the elder's booking books for the elder, and is asked otherwise", async ({
	browser
}) => {
	const carer = await signedIn(browser, '13900000003', demoPassword);
	const made: number[] = [];
	// a booking for the elder, made by the carer, is the elder's context. The last free time of
	// the day: booking.e2e's carer takes the first one, perhaps at the same moment.
	const point = await mealPointUrl(carer);
	const { elders } = await (await carer.request.get('/api/v1/me')).json();
	await carer.goto(`${point}?for=${elders[0].id}#slots`);
	const slotId = await laterFreeSlot(carer).last().getAttribute('value');
	// without the elder's context nobody is chosen for the carer, and the question comes first
	await carer.goto(`${point}/book?slot=${slotId}`);
	const forWho = carer.getByTestId('book-for');
	await expect(forWho).toBeVisible();
	const forBox = (await forWho.boundingBox())!;
	const whereBox = (await carer.locator('dl.facts').boundingBox())!;
	expect(forBox.y).toBeLessThan(whereBox.y);
	await expect(forWho.getByRole('radio', { checked: true })).toHaveCount(0);
	await forWho.getByLabel(/家人：李秀兰/).check();
	await carer.getByRole('button', { name: '确认预约' }).click();
	await expect(carer.getByRole('heading', { name: '预约成功' })).toBeVisible();
	made.push(Number(new URL(carer.url()).pathname.split('/').pop()));

	// from the elder's booking in my bookings: "再为李秀兰预约"
	await carer.goto('/bookings');
	await carer
		.locator('section[aria-labelledby="upcoming"]')
		.getByRole('link', { name: '再为李秀兰预约' })
		.first()
		.click();
	await expect(carer).toHaveURL(/\?for=\d+#slots$/);
	const choice = carer.getByTestId('slots-for');
	await expect(choice.locator('[aria-current="true"]')).toHaveText(/李秀兰/);
	// the elder's held time is marked as hers
	await expect(
		carer.getByTestId('slot-held').filter({ hasText: '已为李秀兰预约' })
	).not.toHaveCount(0);
	await screenshot(carer, 'booking-for-elder-desktop');
	await laterFreeSlot(carer).last().click();
	await expect(carer).toHaveURL(/[?&]for=\d+/);
	await expect(carer.getByTestId('book-for').getByLabel(/家人：李秀兰/)).toBeChecked();
	await carer.getByRole('button', { name: '确认预约' }).click();
	await expect(carer.getByRole('heading', { name: '预约成功' })).toBeVisible();
	await expect(carer.locator('.ticket')).toContainText('李秀兰');
	made.push(Number(new URL(carer.url()).pathname.split('/').pop()));

	// the elder is told, in the second person, who booked
	const elder = await signedIn(browser, '13900000002', demoPassword);
	await elder.goto('/notifications');
	await expect(elder.getByText(/您的家人.+为您预约了/).first()).toBeVisible();
	await carer.goto('/notifications');
	await expect(carer.getByText(/您已为李秀兰预约/).first()).toBeVisible();

	// leave the demo elder's bookings as they were
	for (const id of made)
		expect((await carer.request.delete(`/api/v1/bookings/${id}`)).status()).toBe(200);
	await Promise.all([carer.context().close(), elder.context().close()]);
});

test("the carer's choice at 375 px: 为谁预约 first, no sideways scrolling", async ({ browser }) => {
	const carer = await signedIn(browser, '13900000003', demoPassword, 'phone');
	await carer.goto(`${await mealPointUrl(carer)}#slots`);
	await expect(carer.getByTestId('slots-for')).toBeVisible();
	await expect(carer.getByTestId('slots-for').locator('[aria-current]')).toHaveCount(0);
	expect(await horizontalOverflow(carer)).toBeLessThanOrEqual(0);
	await expectAccessible(carer);
	await screenshot(carer, 'booking-for-choice-phone');
	await laterFreeSlot(carer).first().click();
	await expect(carer.getByTestId('book-for')).toBeVisible();
	expect(await horizontalOverflow(carer)).toBeLessThanOrEqual(0);
	await expectAccessible(carer);
	await screenshot(carer, 'booking-for-confirm-phone');
	await carer.context().close();
});
