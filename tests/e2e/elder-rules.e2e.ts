import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { screenshot } from './helpers';
import {
	elderPage,
	elderPhone,
	expectCallInOneTap,
	expectElderRules,
	expectOnFirstScreen,
	javascriptLoaded,
	shengli
} from './elder-checks';

/**
 * The switch is in the header of every page, in both modes, and says which way it goes: as the
 * server sent it (the check waits for the switch to be drawn, not for the page's scripts).
 */
async function expectSwitch(page: Page, path: string, label: '长辈版' | '标准版') {
	await page.goto(path, { waitUntil: 'commit' });
	const control = page.locator('header').getByTestId('mode-switch');
	await expect(control, path).toBeVisible();
	await expect(control, path).toHaveText(label);
}

const standardPages = [
	'/',
	'/map',
	'/communities',
	`/communities/${shengli}`,
	'/service-points/1',
	'/login',
	'/register'
];
const elderPages = ['/elder', '/elder/home', `/elder/home?community=${shengli}`, '/elder/times/1'];
const personalPages = ['/bookings', '/profile', '/notifications', '/elder/bookings'];

test('a visible 长辈版 switch on every page, both ways, remembered and rendered by the server', async ({
	browser,
	request
}) => {
	const page = await elderPage(browser, 'phone');
	for (const path of standardPages) await expectSwitch(page, path, '长辈版');
	// the server already renders the mode: no flash of small text (a client of its own, no cookies)
	expect(await (await request.get('/elder')).text()).toContain('data-mode="elder"');

	await page.goto('/map');
	await page.getByTestId('mode-switch').click();
	await expect(page).toHaveURL(/\/elder$/);
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
	for (const path of [...standardPages, ...elderPages]) await expectSwitch(page, path, '标准版');
	// remembered for the visitor: standard pages are now rendered in 长辈版 too
	expect(await (await page.request.get('/communities')).text()).toContain('data-mode="elder"');

	await page.goto('/communities');
	await page.getByTestId('mode-switch').click();
	await expect(page).toHaveURL(/\/communities$/);
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'standard');
	expect(await (await page.request.get('/communities')).text()).toContain('data-mode="standard"');
	await page.context().close();

	const elder = await elderPage(browser, 'desktop', elderPhone);
	for (const path of [...standardPages.slice(0, 3), ...personalPages])
		await expectSwitch(elder, path, '标准版');
	await elder.context().close();
});

/**
 * Every 长辈版 page at three sizes: one test per size, so that the two workers share the work. Each
 * worker books one place of the elder's to show its slip and cancel page, and cancels it again when
 * done. The measured rules (text, targets and their overlaps, reflow) depend on the layout: every
 * page at every size. axe scans every page at 375 px; at 1280 and 320 px the pages whose CSS
 * changes with the width (src/routes/elder: the home's tiles from 40em, the layout's call link
 * under 480 px, the slip's code sized by the width), since on the others only the text wraps
 * differently, which the measured rules check (a scan is most of a page's time: 15 pages × axe at
 * three sizes was about a minute and a half of a run).
 */
test.describe('every 长辈版 page: text ≥ 24 px, targets ≥ 60 px, axe clean with 7:1 contrast, reflow', () => {
	test.describe.configure({ mode: 'parallel' });
	let pages: string[] = [];
	let bookingId = 0;

	test.beforeAll(async ({ browser }) => {
		const elder = await elderPage(browser, 'desktop', elderPhone);
		await elder.goto('/elder/places/clinic');
		const placeId = (await elder.locator('a[href^="/elder/times/"]').first().getAttribute('href'))!
			.split('/')
			.pop();
		await elder.goto(`/elder/times/${placeId}`);
		// a different late slot per worker: two workers never book the same one (parallelIndex: unique
		// among the workers running at once; workerIndex grows as workers are replaced: 2 and 5 collide)
		const slots = elder.locator('section.day').last().locator('a.slot');
		const pick = (await slots.count()) - 1 - (test.info().parallelIndex % 3);
		const slotId = (await slots.nth(Math.max(0, pick)).getAttribute('href'))!.split('/').pop();
		const booked = await elder.request.post('/api/v1/bookings', {
			data: { slotId: Number(slotId) }
		});
		expect(booked.status()).toBe(201);
		bookingId = (await booked.json()).booking.id;
		expect(bookingId).toBeGreaterThan(0);
		pages = [
			'/elder',
			'/elder/home',
			`/elder/home?community=${shengli}`,
			'/elder/places/meal',
			'/elder/places/clinic',
			'/elder/places/legal',
			'/elder/places/childcare',
			`/elder/times/${placeId}`,
			`/elder/confirm/${slotId}`,
			'/elder/bookings',
			`/elder/bookings/${bookingId}`,
			`/elder/bookings/${bookingId}/cancel`,
			'/elder/more',
			'/elder/help',
			'/elder/help?item=medical_escort'
		];
		await elder.context().close();
	});

	test.afterAll(async ({ browser }) => {
		if (bookingId === 0) return;
		const cleanup = await elderPage(browser, 'desktop', elderPhone);
		const cancelled = await cleanup.request.delete(`/api/v1/bookings/${bookingId}`);
		expect(cancelled.status()).toBeLessThan(300);
		await cleanup.context().close();
	});

	for (const { size, scanAll } of [
		{ size: { width: 375, height: 812 }, scanAll: true },
		{ size: { width: 1280, height: 900 }, scanAll: false },
		{ size: { width: 320, height: 640 }, scanAll: false }
	]) {
		test(`at ${size.width}×${size.height}`, async ({ browser }) => {
			test.setTimeout(300_000);
			const page = await elderPage(browser, size, elderPhone);
			const widthDependent = ['/elder', `/elder/bookings/${bookingId}`];
			for (const path of pages) {
				await page.goto(path);
				await expectElderRules(page, { axe: scanAll || widthDependent.includes(path) });
			}
			await page.context().close();
		});
	}

	test('a visitor without a home sees the "choose your home" help instead of a number', async ({
		browser
	}) => {
		const visitor = await elderPage(browser, 'phone');
		await visitor.goto('/elder');
		await expect(visitor.getByTestId('community-phone')).toContainText('先选您家');
		await expectElderRules(visitor);
		await visitor.goto(`/elder/places/meal?home=r:1`);
		await expect(visitor.getByTestId('community-phone')).toHaveAttribute('href', /^tel:/);
		await expectElderRules(visitor);
		await screenshot(visitor, 'elder-list-visitor-phone');
		await visitor.context().close();
	});
});

test('the 长辈版 home loads at most 80 KB of JavaScript (gzipped), and no Leaflet', async ({
	browser
}) => {
	const page = await elderPage(browser, 'phone');
	await page.goto('/elder', { waitUntil: 'networkidle' });
	const loaded = await javascriptLoaded(page);
	mkdirSync('tests/output', { recursive: true });
	writeFileSync('tests/output/elder-home-js.json', JSON.stringify(loaded, null, '\t'));
	console.log(
		`长辈版 home: ${loaded.files} JavaScript files, ${(loaded.gzipBytes / 1024).toFixed(1)} KB gzipped`
	);
	expect(loaded.files).toBeGreaterThan(0);
	expect(loaded.gzipBytes).toBeLessThanOrEqual(80 * 1024);
	expect(loaded.leaflet).toBe(false);
	await page.context().close();
});

test('长辈版 on a 375×667 phone: one slim header row, and each task with its button on the first screen', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const page = await elderPage(browser, { width: 375, height: 667 }, elderPhone);
	await page.goto('/elder');
	// one row: home, the person's name, 标准版; no standard navigation
	const header = page.locator('header');
	await expect(header.locator('nav')).toHaveCount(0);
	await expect(header.getByRole('link', { name: '首页' })).toHaveAttribute('href', '/elder');
	await expect(header.getByTestId('account-link')).toContainText('李秀兰');
	await expect(header.getByTestId('mode-switch')).toHaveText('标准版');
	const controls = await header
		.locator('a, button')
		.evaluateAll((all) => all.map((e) => e.getBoundingClientRect().top));
	expect(controls).toHaveLength(3);
	expect(Math.max(...controls) - Math.min(...controls)).toBeLessThan(1);
	expect((await header.boundingBox())!.height).toBeLessThanOrEqual(80);
	await screenshot(page, 'elder-first-screen-home');

	// the home: at least four task tiles, 吃饭 first; 消息 and 更多 (地图, 社区) among the tiles
	const tiles = page.getByTestId('elder-tasks').getByRole('link');
	expect(await tiles.count()).toBeGreaterThanOrEqual(4);
	for (let i = 0; i < 4; i++) await expectOnFirstScreen(tiles.nth(i), `task tile ${i + 1}`);
	await expect(tiles.first()).toHaveAccessibleName(/^吃饭/);
	await expect(tiles.filter({ hasText: '消息' })).toHaveAttribute('href', '/notifications');
	await expect(tiles.filter({ hasText: '更多' })).toHaveAttribute('href', '/elder/more');
	await expectCallInOneTap(page);

	// the list, then a place's times: the first time on the first screen. The second place and a
	// later day, apart from the other 长辈版 tests' bookings of the same elder.
	await tiles.first().click();
	await expect(page.getByRole('heading', { level: 1, name: /吃饭/ })).toBeVisible();
	await expectCallInOneTap(page);
	await page.locator('ol.places > li').nth(1).getByRole('link', { name: '看其他时间' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '选一个时间' })).toBeVisible();
	await expectOnFirstScreen(page.locator('a.slot').first(), 'the first time');
	await expectCallInOneTap(page);
	await screenshot(page, 'elder-first-screen-times');

	await page.locator('section.day').last().locator('a.slot').nth(1).click();
	await expect(page.getByRole('heading', { level: 1, name: '请确认预约' })).toBeVisible();
	const confirm = page.getByRole('button', { name: '确认预约' });
	await expectOnFirstScreen(confirm, '确认预约');
	await expectCallInOneTap(page);
	await screenshot(page, 'elder-first-screen-confirm');

	await confirm.click();
	const booked = page.getByRole('heading', { level: 1, name: '预约成功' });
	await expect(booked).toBeVisible();
	await expectOnFirstScreen(booked, '预约成功');
	await expectOnFirstScreen(page.getByTestId('booking-code'), 'the booking code');
	await expectCallInOneTap(page);
	await screenshot(page, 'elder-first-screen-slip');
	// and the measured rules hold at this size too
	await expectElderRules(page);

	const bookingId = /\/elder\/bookings\/(\d+)/.exec(page.url())![1];
	expect((await page.request.delete(`/api/v1/bookings/${bookingId}`)).status()).toBeLessThan(300);
	await page.context().close();
});

test('标准版 from a 长辈版 page opens the same thing in the standard pages', async ({
	browser
}) => {
	const page = await elderPage(browser, 'phone');
	await page.goto('/elder/times/1');
	await page.getByTestId('mode-switch').click();
	await expect(page).toHaveURL(/\/service-points\/1$/);
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'standard');

	await page.goto('/elder/places/clinic?home=r:1');
	await page.getByTestId('mode-switch').click();
	await expect(page).toHaveURL(/\/map\?category=clinic&home=r%3A1$/);
	await page.context().close();
});
