import AxeBuilder from './axe';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { horizontalOverflow, openPage, screenshot } from './helpers';

async function firstResidence(page: Page): Promise<{ id: number; name: string }> {
	const body = await (await page.request.get('/api/residences.geojson')).json();
	const feature = body.features.find((f: { properties: { name: string } }) =>
		/小区|花园|家园|苑/.test(f.properties.name)
	);
	return { id: feature.properties.id, name: feature.properties.name };
}

const setHomeName = (name: string) => new RegExp(`^设为我的家\\s*：${name}$`);
const elderlySpeed = /^长辈步速\s*0\.9 米\/秒$/;

/** Walking minutes to the nearest point of a category, as the list shows them. */
const nearestMinutes = async (page: Page, category: string) =>
	Number(
		await page
			.locator(`[data-category-group=${category}] li.point`)
			.first()
			.getAttribute('data-minutes')
	);

/** A point in the middle part of the map with no marker under it (a click there reaches the map). */
async function emptyMapPoint(page: Page): Promise<{ x: number; y: number }> {
	const box = (await page.locator('.leaflet-container').boundingBox())!;
	const markers = await page.locator('.leaflet-marker-icon').evaluateAll((icons) =>
		icons.map((icon) => {
			const r = icon.getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
		})
	);
	for (let fy = 0.4; fy <= 0.7; fy += 0.05) {
		for (let fx = 0.3; fx <= 0.7; fx += 0.05) {
			const point = { x: box.x + box.width * fx, y: box.y + box.height * fy };
			if (markers.every((m) => Math.hypot(m.x - point.x, m.y - point.y) > 40)) return point;
		}
	}
	throw new Error('no empty spot on the map');
}

const bandDistances = async (page: Page) =>
	(await page.locator('.map-wrap').getAttribute('data-bands'))!
		.split(',')
		.filter(Boolean)
		.map(Number);

test('set home from the list: bands appear, elderly speed shrinks them and changes the list', async ({
	browser
}) => {
	const page = await openPage(browser, 'desktop');
	const residence = await firstResidence(page);
	await page.goto('/map?home=none');
	await page.getByRole('searchbox', { name: '搜索小区或村' }).fill(residence.name);
	await page.getByRole('button', { name: '搜索' }).click();
	await page
		.getByRole('link', { name: setHomeName(residence.name) })
		.first()
		.click();
	await expect(page).toHaveURL(new RegExp(`home=r%3A${residence.id}|home=r:${residence.id}`));
	await expect(page.getByRole('heading', { level: 2, name: /我的家：/ })).toContainText(
		residence.name
	);
	await expect.poll(() => bandDistances(page)).toHaveLength(3);
	const standard = await bandDistances(page);
	const mealMinutes = await nearestMinutes(page, 'meal');
	await screenshot(page, 'life-circle-desktop');

	await page.getByRole('link', { name: elderlySpeed }).click();
	await expect(page.getByRole('link', { name: elderlySpeed })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await expect.poll(async () => (await bandDistances(page))[0]).toBeLessThan(standard[0]);
	const elderly = await bandDistances(page);
	expect(Math.max(...elderly)).toBeLessThan(Math.max(...standard));
	// 0.9 m/s against 1.2 m/s: the same walk takes a third longer (whole minutes, rounded up)
	await expect.poll(() => nearestMinutes(page, 'meal')).toBeGreaterThanOrEqual(mealMinutes);
	const elderlyMealMinutes = await nearestMinutes(page, 'meal');
	expect(elderlyMealMinutes).toBeLessThanOrEqual(Math.ceil((mealMinutes * 4) / 3) + 1);

	// the coverage card puts both speeds side by side
	const card = page.getByRole('table');
	await expect(card.getByRole('columnheader', { name: '一般步速' })).toBeVisible();
	await expect(card.getByRole('columnheader', { name: '长辈步速' })).toBeVisible();
	await page.context().close();
});

test('set home by clicking the map, then explain a route and filter', async ({ browser }) => {
	const page = await openPage(browser, 'desktop');
	await page.goto('/map?home=none&speed=standard');
	await expect(page.locator('.map-wrap')).toHaveAttribute('data-map-status', 'ready');
	const spot = await emptyMapPoint(page);
	await page.mouse.click(spot.x, spot.y);
	await expect(page).toHaveURL(/home=p/);
	await expect(
		page.getByRole('heading', { level: 2, name: '我的家：地图上选的位置' })
	).toBeVisible();
	await expect(page.locator('.life-circle [data-category-group]')).toHaveCount(8);

	// a category with nothing in walking range is called out plainly
	const gaps = page.getByTestId('gap');
	if ((await gaps.count()) > 0) await expect(gaps.first()).toContainText('范围内没有');

	await page
		.getByRole('button', { name: /看步行路线/ })
		.first()
		.click();
	await expect(page.getByRole('status').filter({ hasText: '从家到' })).toContainText('步行');
	await expect
		.poll(async () => Number(await page.locator('.map-wrap').getAttribute('data-route')))
		.toBeGreaterThan(1);

	// on a wide screen the map stays beside the list: the route is drawn where it can be seen
	await expect(page.locator('.map-wrap')).toBeInViewport({ ratio: 0.9 });

	await page.getByText(/^按类别筛选（8\/8）$/).click();
	await page.getByRole('button', { name: '全部类别' }).click();
	for (const code of [
		'childcare',
		'clinic',
		'legal',
		'elderly_care',
		'fitness',
		'culture',
		'convenience'
	]) {
		await page.locator(`input[type=checkbox][name=category][value=${code}]`).uncheck();
	}
	await expect(page.locator('.life-circle [data-category-group]')).toHaveCount(1);
	await expect(page.locator('.life-circle [data-category-group=meal]')).toBeVisible();
	await page.context().close();
});

test('"book" on the list leads to the booking step for that slot', async ({ browser }) => {
	const page = await openPage(browser, 'desktop');
	const residence = await firstResidence(page);
	// the API sets the session cookie in this browser context
	const login = await page.request.post('/api/v1/auth/login', {
		data: { phone: '13900000001', password: 'jyg-demo-2026' }
	});
	expect(login.status()).toBe(200);
	await page.goto(`/map?home=r:${residence.id}`);
	const book = page.getByRole('link', { name: /^预约/ }).first();
	await book.click();
	await expect(page).toHaveURL(/\/service-points\/\d+\/book\?slot=\d+/);
	await page.context().close();
});

test('at 375 px the list works alone, with the keyboard only, and axe finds nothing', async ({
	browser
}) => {
	const page = await openPage(browser, 'phone');
	const residence = await firstResidence(page);
	await page.goto('/map?home=none');
	await page.getByRole('searchbox', { name: '搜索小区或村' }).focus();
	await page.keyboard.type(residence.name);
	await page.keyboard.press('Enter');
	const setHome = page.getByRole('link', { name: setHomeName(residence.name) }).first();
	await expect(setHome).toBeVisible();
	await setHome.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('.life-circle [data-category-group]')).toHaveCount(8);
	// the list comes before the map on a phone
	const listTop = (await page.locator('.life-circle').boundingBox())!.y;
	const mapTop = (await page.locator('.map-wrap').boundingBox())!.y;
	expect(listTop).toBeLessThan(mapTop);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await screenshot(page, 'life-circle-phone');
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
	await page.context().close();
});

/** A 375×667 phone (an iPhone SE / 8 screen), the size issue 13 measured the page at. */
const smallPhone = { width: 375, height: 667 };
async function phonePage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({
		viewport: smallPhone,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: 2,
		...options
	});
	return context.newPage();
}

/** Per listed category: its name and the minutes to its nearest point (null: none in range). */
async function listedNearest(page: Page) {
	return page.locator('.life-circle [data-category-group]').evaluateAll((groups) =>
		groups.map((group) => {
			const nearest = group.querySelector('li.point');
			return {
				name: group.querySelector('h3 [data-category]')!.textContent!.trim(),
				minutes: nearest ? Number(nearest.getAttribute('data-minutes')) : null
			};
		})
	);
}

/** Text nodes in the element's table cells that the browser laid out on more than one line. */
async function brokenCellText(page: Page, selector: string) {
	return page.locator(selector).evaluate((root) => {
		const broken: string[] = [];
		for (const cell of root.querySelectorAll('th, td')) {
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				if (!node.textContent!.trim() || node.parentElement!.closest('.visually-hidden')) continue;
				const range = document.createRange();
				range.selectNodeContents(node);
				const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
				if (lines.size > 1) broken.push(node.textContent!.trim());
			}
		}
		return broken;
	});
}

test('on a 375×667 phone: the list fits in 3 screens, 更多 opens in place, the answer matches the list and no word breaks in the coverage table', async ({
	browser
}) => {
	const page = await phonePage(browser);
	const residence = await firstResidence(page);
	await page.goto(`/map?home=r:${residence.id}&speed=standard`);
	const groups = page.locator('.life-circle [data-category-group]');
	await expect(groups).toHaveCount(8);
	// on a phone the map below the list starts when it is scrolled near
	await page.locator('.map-wrap').scrollIntoViewIfNeeded();
	await expect(page.locator('.map-wrap')).toHaveAttribute('data-map-status', 'ready');

	// one point per category until asked: the list, title to last card, is at most three screens
	// (it was ~8,000 px with three cards per category), the whole page at most six — three of list,
	// one of map and legend, one of the two-speed table, one for header, controls and footer
	const gaps = await page.getByTestId('gap').count();
	expect(await page.locator('.life-circle li.point').count()).toBe(8 - gaps);
	const list = (await page.locator('.life-circle').boundingBox())!;
	const pageHeight = await page.evaluate(() => document.body.scrollHeight);
	console.log(
		`/map with a home at 375×667: list ${Math.round(list.height)} px, page ${pageHeight} px`
	);
	expect(list.height).toBeLessThanOrEqual(3 * smallPhone.height);
	expect(pageHeight).toBeLessThanOrEqual(6 * smallPhone.height);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await screenshot(page, 'life-circle-phone-375x667');

	// the one-line answer is read off the same list: categories within 15 minutes, the rest named
	const nearest = await listedNearest(page);
	const beyond = nearest.filter((g) => g.minutes === null || g.minutes > 15);
	const answer = page.getByTestId('life-circle-answer');
	if (beyond.length === 0) await expect(answer).toHaveText('15 分钟内可到全部 8 类服务。');
	else {
		await expect(answer).toContainText(`15 分钟内可到 8 类中的 ${8 - beyond.length} 类；`);
		for (const g of beyond.slice(0, 3))
			await expect(answer).toContainText(
				g.minutes === null ? `步行范围内没有${g.name}` : `${g.name}需步行 ${g.minutes} 分钟`
			);
	}
	// the warning colour and sign are kept for past 15 minutes; a 5-minute category at 7 reads plainly
	for (const [i, g] of nearest.entries()) {
		if (g.minutes === null) continue;
		const point = groups.nth(i).locator('li.point').first();
		await expect(point.locator('.reach.beyond')).toHaveCount(g.minutes > 15 ? 1 : 0);
		await expect(point).not.toContainText('✗');
	}

	// 更多 opens the category's other points in place and says so; again closes them
	const meal = page.locator('[data-category-group=meal]');
	const more = meal.getByRole('button', { name: /^更多（2）/ });
	await more.click();
	await expect(meal.locator('li.point')).toHaveCount(3);
	await expect(meal.getByRole('button', { name: /^收起/ })).toHaveAttribute(
		'aria-expanded',
		'true'
	);
	await meal.getByRole('button', { name: /^收起/ }).click();
	await expect(meal.locator('li.point')).toHaveCount(1);
	// the nearest point keeps its one-tap booking of the next free time
	await expect(meal.getByRole('link', { name: /^预约 / })).toHaveAttribute(
		'href',
		/\/service-points\/\d+\/book\?slot=\d+$/
	);

	// the coverage table at 375 px: no label breaks across lines, nothing scrolls sideways
	const table = page.locator('.coverage-card table');
	await table.scrollIntoViewIfNeeded();
	expect(await brokenCellText(page, '.coverage-card table')).toEqual([]);
	const scroll = await page
		.locator('.coverage-card .scroll')
		.evaluate((e) => e.scrollWidth - e.clientWidth);
	expect(scroll).toBeLessThanOrEqual(0);
	await expect(page.locator('.coverage-card td[data-reach]')).toHaveCount(16);
	await page.context().close();
});

test('更多 works without JavaScript: a link the server answers with the points open', async ({
	browser
}) => {
	const page = await phonePage(browser, { javaScriptEnabled: false });
	const residence = await firstResidence(page);
	await page.goto(`/map?home=r:${residence.id}`);
	const meal = page.locator('[data-category-group=meal]');
	await expect(meal.locator('li.point')).toHaveCount(1);
	await meal.getByRole('link', { name: /^更多（2）/ }).click();
	await expect(page).toHaveURL(/more=meal#group-meal$/);
	await expect(meal.locator('li.point')).toHaveCount(3);
	await expect(page.locator('[data-category-group=clinic] li.point')).toHaveCount(1);
	// and the tier explanation opens without JavaScript too
	await page.getByText('什么是5/10/15分钟生活圈？').click();
	await expect(page.getByText(/GB 50180-2018/)).toBeVisible();
	await expect(page.locator('.tiers li[data-tier="5"]')).toContainText('老年助餐');
	await page.context().close();
});

test('after 看步行路线 on a phone the map scrolls into view with the route, and the list is one tap back', async ({
	browser
}) => {
	const page = await phonePage(browser);
	const residence = await firstResidence(page);
	await page.goto(`/map?home=r:${residence.id}&speed=standard`);
	const map = page.locator('.map-wrap');
	// on a phone the map is below the list: out of sight at first, and not started (no Leaflet yet)
	await expect(page.getByRole('button', { name: /^看步行路线/ }).first()).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expect(map).not.toBeInViewport();
	await expect(map).toHaveAttribute('data-map-status', 'loading');
	await expect(page.locator('.leaflet-container')).toHaveCount(0);
	const point = page.locator('[data-category-group=clinic] li.point').first();
	await point.getByRole('button', { name: /^看步行路线/ }).click();
	await expect
		.poll(async () => Number(await map.getAttribute('data-route')), { timeout: 15_000 })
		.toBeGreaterThan(1);
	await expect(map).toBeInViewport({ ratio: 0.9, timeout: 15_000 });
	// announced, and shown above the map
	const status = page.getByRole('status').filter({ hasText: '从家到' });
	await expect(status).toContainText('步行');
	await expect(status).toBeInViewport();
	await screenshot(page, 'life-circle-route-phone');
	await page.getByRole('link', { name: '回到列表' }).click();
	await expect(point).toBeInViewport();
	await page.context().close();
});

test('at 1280×800 the map is in the first screen, at least 400 px tall, with the list beside it', async ({
	browser
}) => {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai'
	});
	const page = await context.newPage();
	const residence = await firstResidence(page);
	for (const path of ['/map?home=none', `/map?home=r:${residence.id}`]) {
		await page.goto(path);
		const map = (await page.locator('.map-wrap').boundingBox())!;
		expect(map.y, path).toBeGreaterThan(0);
		expect(map.y + map.height, path).toBeLessThanOrEqual(800);
		expect(map.height, path).toBeGreaterThanOrEqual(400);
		const list = (await page
			.locator(path.endsWith('none') ? '.point-list' : '.life-circle')
			.boundingBox())!;
		expect(list.x, path).toBeGreaterThanOrEqual(map.x + map.width);
		expect(list.y, path).toBeLessThan(800);
	}
	await screenshot(page, 'life-circle-desktop-1280x800');
	// scrolled down to the last category, the map stays in view for its route
	const last = page.locator('.life-circle li.point').last();
	await last.scrollIntoViewIfNeeded();
	await last.getByRole('button', { name: /^看步行路线/ }).click();
	await expect
		.poll(async () => Number(await page.locator('.map-wrap').getAttribute('data-route')))
		.toBeGreaterThan(1);
	await expect(page.locator('.map-wrap')).toBeInViewport({ ratio: 0.9 });
	await context.close();
});

test('长辈版 /map at 375 px: one point per category, and its height is reported', async ({
	browser
}) => {
	const page = await phonePage(browser);
	const residence = await firstResidence(page);
	await page.goto('/elder');
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
	await page.goto(`/map?home=r:${residence.id}&speed=elderly`);
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
	await expect(page.locator('.life-circle [data-category-group]')).toHaveCount(8);
	expect(await page.locator('.life-circle li.point').count()).toBe(
		8 - (await page.getByTestId('gap').count())
	);
	const pageHeight = await page.evaluate(() => document.body.scrollHeight);
	const list = (await page.locator('.life-circle').boundingBox())!;
	console.log(`长辈版 /map at 375×667: list ${Math.round(list.height)} px, page ${pageHeight} px`);
	// it was ~17,000 px; at 24 px text the list alone takes about five screens
	expect(pageHeight).toBeLessThanOrEqual(11 * smallPhone.height);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await screenshot(page, 'life-circle-elder-phone');
	await page.context().close();
});
