/**
 * An import larger than one request body, from the data page with JavaScript: the file goes in
 * pieces, the page shows its progress, then the report (here "all or nothing" with one bad row in
 * the middle, so the shared test database is left as it was).
 */
import { expect, test } from '@playwright/test';
import { horizontalOverflow, openPage, screenshot, screenshotDir, viewports } from './helpers';

for (const viewport of Object.keys(viewports) as (keyof typeof viewports)[]) {
	test(`a 6,000-row import at ${viewports[viewport].width} px: pieces, progress, the report, nothing written`, async ({
		browser
	}) => {
		const page = await openPage(browser, viewport);
		const login = await page.request.post('/api/v1/auth/login', {
			data: { phone: '13900000099', password: 'jyg-demo-2026' }
		});
		expect(login.status()).toBe(200);
		const code = (
			(await (await page.request.get('/api/communities.geojson')).json()) as {
				features: { properties: { code: string } }[];
			}
		).features[0].properties.code;
		const rows = Array.from(
			{ length: 6000 },
			(_, i) =>
				`大文件小区${i},${code},${(98.28 + (i % 50) * 1e-4).toFixed(6)},39.78,${i === 3000 ? 500 : 30},60,10,2`
		);
		const csv = [
			'name,community,lng,lat,households,residents,elderly_60plus,children_0_3',
			...rows
		].join('\n');
		expect(csv.length).toBeGreaterThan(256 * 1024);
		// each piece a little slower than a local server answers, so that the progress can be seen
		const pieces: string[] = [];
		await page.route('**/admin/data/uploads/**', async (route) => {
			if (route.request().method() === 'PUT') pieces.push(route.request().url());
			await new Promise((resolve) => setTimeout(resolve, 300));
			await route.continue();
		});
		await page.goto('/admin/data');
		// the form sends in pieces once the page's script runs; submitted before that, the whole
		// file goes in one request and is refused as too large (seen in a full run on a busy
		// machine): wait until every module the page asked for has come (hydrated)
		await page.waitForLoadState('networkidle');
		const form = page.getByTestId('import-residences');
		await page.setInputFiles('#residences-file', {
			name: 'many-homes.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(csv)
		});
		await form.getByLabel('全有或全无', { exact: false }).check();
		await form.getByRole('button', { name: '导入' }).click();
		const progress = form.getByTestId('import-progress');
		await expect(progress).toBeVisible();
		await expect(progress).toContainText('%');
		await screenshot(page, `admin-data-import-progress-${viewport}`);
		// the form alone, to look at the progress bar closely
		await form.screenshot({ path: `${screenshotDir}/admin-data-import-form-${viewport}.png` });
		const report = page.locator('#residences-report');
		await expect(report).toContainText('第 3002 行', { timeout: 30_000 });
		await expect(progress).toBeHidden();
		expect(pieces.length).toBeGreaterThan(1);
		await expect(report).toBeFocused();
		await screenshot(page, `admin-data-import-report-${viewport}`);
		await form.screenshot({
			path: `${screenshotDir}/admin-data-import-form-report-${viewport}.png`
		});
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await page.context().close();
	});
}
