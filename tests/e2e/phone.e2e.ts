import { expect, test, type Browser, type BrowserContextOptions } from '@playwright/test';
import { screenshot, viewports } from './helpers';

const password = 'jyg-demo-2026';
const shengli = '620201001002';
// a street corner in 胜利社区 (WGS84), where the phone says it is
const here = { latitude: 39.7732, longitude: 98.2891 };

async function phonePage(browser: Browser, options: BrowserContextOptions = {}, phone?: string) {
	const context = await browser.newContext({
		viewport: viewports.phone,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: 2,
		...options
	});
	if (phone) {
		const login = await context.request.post('/api/v1/auth/login', { data: { phone, password } });
		expect(login.status()).toBe(200);
	}
	return context.newPage();
}

/** A 胜利社区 meal point's page (any will do). */
async function shengliPointId(browser: Browser): Promise<number> {
	const page = await phonePage(browser);
	const points = await (
		await page.request.get(`/api/service-points.geojson?category=meal&community=${shengli}`)
	).json();
	await page.context().close();
	return points.features[0].properties.id;
}

test('用我的位置 on /map and in 长辈版: the phone’s position becomes the home; a refusal is explained', async ({
	browser
}) => {
	const granted = await phonePage(browser, {
		permissions: ['geolocation'],
		geolocation: here
	});
	await granted.goto('/map?home=none');
	await granted.getByRole('button', { name: '用我的位置' }).click();
	await granted.waitForURL(/home=p%3A98\.289100%2C39\.773200|home=p:98\.289100,39\.773200/);
	await expect(granted.getByRole('heading', { name: '我的家：地图上选的位置' })).toBeVisible();
	await expect(granted.getByTestId('life-circle-answer')).toBeVisible();
	await screenshot(granted, 'locate-map-phone');

	// 长辈版: from the home chooser straight back to the page that asked, counted from here
	await granted.goto('/elder/home?next=/elder/places/meal');
	await granted.getByRole('button', { name: '用我的位置' }).click();
	await granted.waitForURL((url) => url.pathname === '/elder/places/meal');
	await expect(granted.getByText('您家：在地图上选的位置')).toBeVisible();
	await granted.context().close();

	const refused = await phonePage(browser, { permissions: [] });
	await refused.goto('/map?home=none');
	await refused.getByRole('button', { name: '用我的位置' }).click();
	await expect(refused.getByRole('alert')).toContainText('没有获得位置权限');
	// nothing was chosen for the person
	expect(new URL(refused.url()).searchParams.get('home')).toBe('none');
	await screenshot(refused, 'locate-refused-map-phone');
	await refused.goto('/elder/home');
	await refused.getByRole('button', { name: '用我的位置' }).click();
	await expect(refused.getByRole('alert')).toContainText('没有获得位置权限');
	await screenshot(refused, 'locate-refused-elder-phone');
	await refused.context().close();
});

test('a service point: navigate with 高德/百度/腾讯, share (sheet, copy, or the link shown), og tags', async ({
	browser
}) => {
	const id = await shengliPointId(browser);
	const path = `/service-points/${id}`;
	const page = await phonePage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
	await page.goto(path);
	const navigate = page.getByTestId('navigate');
	await expect(navigate.locator('a[data-app="amap"]')).toHaveAttribute(
		'href',
		/^https:\/\/uri\.amap\.com\/navigation\?to=98\.\d{6}%2C39\.\d{6}%2C/
	);
	await expect(navigate.locator('a[data-app="baidu"]')).toHaveAttribute(
		'href',
		/^https:\/\/api\.map\.baidu\.com\/marker\?location=39\.\d{6}%2C98\.\d{6}&.*coord_type=bd09ll/
	);
	await expect(navigate.locator('a[data-app="tencent"]')).toHaveAttribute(
		'href',
		/^https:\/\/apis\.map\.qq\.com\/uri\/v1\/routeplan\?type=walk&/
	);

	// link previews: title, description and an absolute image that answers
	const title = await page.locator('meta[property="og:title"]').getAttribute('content');
	expect(title).toBe((await page.getByRole('heading', { level: 1 }).textContent())?.trim());
	await expect(page.locator('meta[property="og:description"]')).toHaveAttribute(
		'content',
		/开放时间/
	);
	const image = (await page.locator('meta[property="og:image"]').getAttribute('content'))!;
	expect(image).toMatch(/^http:\/\/localhost:\d+\/icons\/icon-512\.png$/);
	expect((await page.request.get(image)).status()).toBe(200);

	// no share sheet on this browser: the link is copied
	expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined');
	await page.getByRole('button', { name: '分享' }).click();
	await expect(page.getByTestId('share-result')).toHaveText(/链接已复制/);
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
	await screenshot(page, 'service-point-share-phone');
	await page.context().close();

	// no clipboard either: the link is shown, selected, to copy by hand
	const manual = await phonePage(browser);
	await manual.addInitScript(() => {
		Object.defineProperty(navigator, 'clipboard', {
			value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }
		});
	});
	await manual.goto(path);
	await manual.getByRole('button', { name: '分享' }).click();
	const field = manual.getByRole('textbox', { name: '本页链接' });
	await expect(field).toHaveValue(manual.url());
	await manual.context().close();

	// a phone with a share sheet gets it, with the page's title and link
	const sheet = await phonePage(browser);
	await sheet.addInitScript(() => {
		const shared: ShareData[] = [];
		Object.assign(window, { shared });
		Object.defineProperty(navigator, 'share', {
			value: (data: ShareData) => {
				shared.push(data);
				return Promise.resolve();
			}
		});
	});
	await sheet.goto(`/communities/${shengli}`);
	await expect(sheet.locator('meta[property="og:title"]')).toHaveAttribute('content', '胜利社区');
	await sheet.getByRole('button', { name: '分享' }).click();
	await expect
		.poll(() => sheet.evaluate(() => (window as unknown as { shared: ShareData[] }).shared))
		.toEqual([
			{
				title: '胜利社区',
				text: expect.stringContaining('15分钟生活圈'),
				url: sheet.url().replace(/[?#].*$/, '')
			}
		]);
	await sheet.context().close();
});

test('staff print an A4 door poster with the point’s QR code', async ({ browser }) => {
	const id = await shengliPointId(browser);
	const page = await phonePage(browser, {}, '13900000011');
	await page.goto(`/staff/points/${id}`);
	await page.getByRole('link', { name: '打印门口海报（A4）' }).click();
	const poster = page.getByTestId('poster');
	await expect(poster.locator('.qr svg')).toBeVisible();
	const origin = new URL(page.url()).origin;
	await expect(poster.locator('.url')).toHaveText(`${origin}/service-points/${id}`);
	await expect(poster.locator('.qr')).toHaveAttribute(
		'aria-label',
		new RegExp(`${origin}/service-points/${id}$`)
	);
	await screenshot(page, 'poster-phone');
	// on paper: exactly one A4 page, without the site's header
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	// what the sheet looks like: an A4 page at 96 dpi
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.screenshot({ path: 'tests/output/screenshots/poster-print-a4.png' });
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
	expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
	// 595 × 842 points is A4
	const [width, height] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/
		.exec(pdf.toString('latin1'))!
		.slice(1)
		.map(Number);
	expect(Math.abs(width - 595.3)).toBeLessThan(1);
	expect(Math.abs(height - 841.9)).toBeLessThan(1);
	await page.context().close();

	// a resident is not shown the poster
	const resident = await phonePage(browser, {}, '13900000001');
	expect((await resident.request.get(`/staff/points/${id}/poster`)).status()).toBe(403);
	await resident.context().close();
});
