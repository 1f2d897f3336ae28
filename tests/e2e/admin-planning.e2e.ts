import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { horizontalOverflow, openPage, screenshot, viewports } from './helpers';

async function signInAdmin(page: Page) {
	const response = await page.request.post('/api/v1/auth/login', {
		data: { phone: '13900000099', password: 'jyg-demo-2026' }
	});
	expect(response.status()).toBe(200);
}

const mapReady = (page: Page) =>
	expect(page.locator('.map-wrap')).toHaveAttribute('data-map-status', 'ready', {
		timeout: 90_000
	});

/** A point in the middle of the map away from the service point markers. */
async function emptyMapPoint(page: Page): Promise<{ x: number; y: number }> {
	await page.locator('.leaflet-container').scrollIntoViewIfNeeded();
	const box = (await page.locator('.leaflet-container').boundingBox())!;
	const markers = await page.locator('.leaflet-marker-icon').evaluateAll((icons) =>
		icons.map((icon) => {
			const r = icon.getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
		})
	);
	for (let fy = 0.35; fy <= 0.7; fy += 0.05) {
		for (let fx = 0.3; fx <= 0.7; fx += 0.05) {
			const point = { x: box.x + box.width * fx, y: box.y + box.height * fy };
			if (markers.every((m) => Math.hypot(m.x - point.x, m.y - point.y) > 40)) return point;
		}
	}
	throw new Error('no empty spot on the map');
}

const gain = async (page: Page, which: string) =>
	Number((await page.locator(`[data-gain="${which}"]`).innerText()).replace('+', ''));

for (const viewport of Object.keys(viewports) as (keyof typeof viewports)[]) {
	test(`what-if at ${viewports[viewport].width} px: click the map, choose a building, suggest sites`, async ({
		browser
	}) => {
		const page = await openPage(browser, viewport);
		await signInAdmin(page);
		await page.goto('/admin/what-if?category=meal');
		await expect(page.getByRole('heading', { level: 1, name: '新点位推演' })).toBeVisible();
		await mapReady(page);

		// 1. a click on the map places a hypothetical point and answers before anything is saved
		const spot = await emptyMapPoint(page);
		await page.mouse.click(spot.x, spot.y);
		await expect(page).toHaveURL(/lng=[\d.]+&lat=[\d.]+/);
		const result = page.getByTestId('what-if-result');
		await expect(result).toBeVisible();
		await expect(result).toContainText('仅为推演，未保存');
		await expect(page.locator('.map-wrap')).toHaveAttribute('data-circles', '1');
		// nobody is newly covered at the slower speed who is not at the standard speed
		expect(await gain(page, 'elderly-households')).toBeLessThanOrEqual(
			await gain(page, 'standard-households')
		);

		// 2. the non-map alternative: an existing building from the list
		await page.getByLabel('现有建筑（小区）').selectOption({ index: 3 });
		await page.getByRole('button', { name: '推演', exact: true }).click();
		await expect(page).toHaveURL(/residence=\d+/);
		await expect(result).toContainText('位置：');
		await screenshot(page, `admin-what-if-${viewport}`);

		// 3. the best 3 new sites, each with its figures, drawn on the map
		await page.getByLabel('新址数量').selectOption('3');
		await page.getByRole('button', { name: '计算建议' }).click();
		const suggestions = page.getByTestId('suggestions');
		await expect(suggestions.locator('tbody tr')).toHaveCount(3);
		await expect(suggestions).toContainText('+');
		await mapReady(page);
		await expect(page.locator('.map-wrap')).toHaveAttribute('data-circles', /^[34]$/);
		await screenshot(page, `admin-suggest-${viewport}`);

		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		const axe = await new AxeBuilder({ page }).exclude('.leaflet-container').analyze();
		expect(axe.violations.map((v) => v.id)).toEqual([]);
		await page.context().close();
	});
}

test('the planning pages at 1280 and 375 px: targets, coverage table and map, gaps, demand', async ({
	browser
}) => {
	for (const viewport of Object.keys(viewports) as (keyof typeof viewports)[]) {
		const page = await openPage(browser, viewport);
		await signInAdmin(page);
		await page.goto('/admin');
		await expect(page.locator('[data-target]')).toHaveCount(7);
		await screenshot(page, `admin-targets-${viewport}`);
		await page.goto('/admin/coverage?category=meal');
		await mapReady(page);
		await expect(page.locator('.map-wrap')).not.toHaveAttribute('data-circles', '0');
		// sorting is a plain link: it works without JavaScript too
		await page.getByRole('link', { name: '户数' }).click();
		await expect(page).toHaveURL(/sort=households&dir=asc/);
		await screenshot(page, `admin-coverage-${viewport}`);
		await page.goto('/admin/gaps?category=meal');
		await expect(page.getByTestId('gap-list').locator('> li').first()).toContainText(
			'最近的服务点'
		);
		await screenshot(page, `admin-gaps-${viewport}`);
		await page.goto('/admin/demand');
		await expect(page.getByTestId('demand-table').locator('tbody tr').first()).toBeVisible();
		await screenshot(page, `admin-demand-${viewport}`);
		await page.goto('/admin/data');
		await screenshot(page, `admin-data-${viewport}`);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await page.context().close();
	}
});
