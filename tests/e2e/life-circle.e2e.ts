import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { horizontalOverflow, openPage, screenshot } from './helpers';

async function firstResidence(page: Page): Promise<{ id: number; name: string }> {
	const body = await (await page.request.get('/api/residences.geojson')).json();
	const feature = body.features.find((f: { properties: { name: string } }) =>
		/小区|花园|家园|苑/.test(f.properties.name)
	);
	return { id: feature.properties.id, name: feature.properties.name };
}

const setHomeName = (name: string) => new RegExp(`^设为我的家\\s*：${name}$`);

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
	const mealMinutes = await page.locator('[data-category-group=meal] .walk').first().innerText();
	await screenshot(page, 'life-circle-desktop');

	await page.getByRole('link', { name: '长辈步速（0.9 米/秒）' }).click();
	await expect(page.getByRole('link', { name: '长辈步速（0.9 米/秒）' })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await expect.poll(async () => (await bandDistances(page))[0]).toBeLessThan(standard[0]);
	const elderly = await bandDistances(page);
	expect(Math.max(...elderly)).toBeLessThan(Math.max(...standard));
	const elderlyMealMinutes = await page
		.locator('[data-category-group=meal] .walk')
		.first()
		.innerText();
	expect(parseInt(elderlyMealMinutes.replace(/\D+/, ''))).toBeGreaterThanOrEqual(
		parseInt(mealMinutes.replace(/\D+/, ''))
	);
	expect(elderlyMealMinutes).not.toBe(mealMinutes);

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

	// categories with nothing in their tier are called out plainly
	const gaps = page.getByTestId('gap');
	if ((await gaps.count()) > 0) await expect(gaps.first()).toContainText('分钟内没有');

	await page
		.getByRole('button', { name: /看步行路线/ })
		.first()
		.click();
	await expect(page.getByRole('status').filter({ hasText: '从家到' })).toContainText('步行');
	await expect
		.poll(async () => Number(await page.locator('.map-wrap').getAttribute('data-route')))
		.toBeGreaterThan(1);

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
