/**
 * A file as it comes in China, through the data page with JavaScript (issue 20, item 8): a CSV
 * that Excel saved as GB18030, with coordinates read off Baidu, chosen as BD-09 in the form; large
 * enough to go in pieces, so the choice travels with the piece-by-piece upload. The point is
 * imported inactive (in Beijing, the published test point), so no other test's figures move.
 */
import { expect, test } from '@playwright/test';
import { like } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { haversineM } from '../../src/lib/geo/projection';
import { withServerDb } from '../support/test-server-db';
import { horizontalOverflow, openPage, screenshot } from './helpers';

/** (116.404, 39.915) read as BD-09 is WGS84 (116.3913837, 39.9072532), as published with coordtransform */
const fromBd09 = [116.3913836995125, 39.907253214522164];

test('a GB18030 CSV with BD-09 coordinates, imported in pieces at 375 px, is stored in WGS84', async ({
	browser
}) => {
	const page = await openPage(browser, 'phone');
	const login = await page.request.post('/api/v1/auth/login', {
		data: { phone: '13900000099', password: 'jyg-demo-2026' }
	});
	expect(login.status()).toBe(200);
	const marker = String(Date.now() % 1_000_000);
	const file = Buffer.concat([
		Buffer.from(
			'id,name,category,community,lng,lat,address,phone,opening_text,accessible_entrance,active\r\n,'
		),
		Buffer.from('b0d9b6c8b2e2cad4b5e3', 'hex'), // 百度测试点 in GB18030
		Buffer.from(`${marker},legal,620201001002,116.404,39.915,`),
		Buffer.from('b2e2cad4c2b731bac5', 'hex'), // 测试路1号
		Buffer.from(',0937-6201111,,1,0\r\n'),
		// blank lines (skipped) so that the file goes in pieces
		Buffer.alloc(300 * 1024, '\n')
	]);
	await page.goto('/admin/data');
	const form = page.getByTestId('import-service-points');
	await form.getByLabel('文件中的坐标系').selectOption('bd09');
	await page.setInputFiles('#service-points-file', {
		name: 'baidu-points.csv',
		mimeType: 'text/csv',
		buffer: file
	});
	const pieces: string[] = [];
	await page.route('**/admin/data/uploads/**', async (route) => {
		if (route.request().method() === 'PUT') pieces.push(route.request().url());
		await route.continue();
	});
	await form.getByRole('button', { name: '导入' }).click();
	const report = page.locator('#service-points-report');
	await expect(report).toContainText('新增 1 行', { timeout: 30_000 });
	expect(pieces.length).toBeGreaterThan(1);
	await screenshot(page, 'admin-data-import-bd09-phone');
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

	const [point] = await withServerDb((db) =>
		db
			.select({
				name: schema.servicePoint.name,
				lng: schema.servicePoint.lng,
				lat: schema.servicePoint.lat
			})
			.from(schema.servicePoint)
			.where(like(schema.servicePoint.name, `%${marker}`))
	);
	expect(point.name).toBe(`百度测试点${marker}`);
	expect(haversineM(point.lng, point.lat, fromBd09[0], fromBd09[1])).toBeLessThan(1);
	await page.context().close();
});
