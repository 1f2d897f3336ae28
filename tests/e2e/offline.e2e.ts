import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenshot, viewports } from './helpers';

const password = 'jyg-demo-2026';
const shengli = '620201001002';

/**
 * A browser with a profile on disk: Chromium offers to install nothing from an incognito context
 * (what browser.newContext() gives), so installability is checked as a person's browser has it.
 */
async function phoneContext(profile: string, phone: string): Promise<BrowserContext> {
	const { baseURL, launchOptions } = test.info().project.use;
	const context = await chromium.launchPersistentContext(profile, {
		...launchOptions,
		baseURL,
		viewport: viewports.phone,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: 2
	});
	const login = await context.request.post('/api/v1/auth/login', { data: { phone, password } });
	expect(login.status()).toBe(200);
	return context;
}

/** A free place at a 胜利社区 clinic a few days ahead, booked through the JSON API. */
async function book(context: BrowserContext): Promise<{ id: number; code: string }> {
	const points = await (
		await context.request.get(`/api/service-points.geojson?category=clinic&community=${shengli}`)
	).json();
	const day = (offset: number) =>
		new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
	for (const feature of points.features) {
		const { slots } = await (
			await context.request.get(
				`/api/v1/service-points/${feature.properties.id}/slots?from=${day(3)}&to=${day(6)}`
			)
		).json();
		// a different place per worker, from the end of the list
		const free = slots.filter((slot: { free: number }) => slot.free > 0).reverse();
		const slot = free[test.info().workerIndex % Math.max(1, free.length)];
		if (!slot) continue;
		const booked = await context.request.post('/api/v1/bookings', { data: { slotId: slot.id } });
		if (booked.status() !== 201) continue;
		const { booking } = await booked.json();
		return { id: booking.id, code: booking.code };
	}
	throw new Error('no free clinic place in 胜利社区');
}

/** Whether the page's service worker keeps a path for the signed-in person. */
function kept(page: Page, path: string) {
	return page.evaluate(async (wanted) => {
		for (const name of await caches.keys()) {
			if (!name.startsWith('lifecircle-personal-')) continue;
			if (await (await caches.open(name)).match(wanted)) return true;
		}
		return false;
	}, path);
}

test('installable from Chromium; 我的预约 and the slip open without signal; logout forgets them', async () => {
	const profile = mkdtempSync(join(tmpdir(), 'lifecircle-profile-'));
	const context = await phoneContext(profile, '13900000001');
	const booking = await book(context);
	const page = context.pages()[0] ?? (await context.newPage());
	try {
		await page.goto('/');
		// the manifest is valid and Chromium finds nothing that stops an install
		const cdp = await context.newCDPSession(page);
		await expect
			.poll(async () => {
				const { errors } = (await cdp.send('Page.getAppManifest')) as {
					errors: { message: string }[];
				};
				const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
					installabilityErrors: { errorId: string }[];
				};
				return [...errors.map((e) => e.message), ...installabilityErrors.map((e) => e.errorId)];
			})
			.toEqual([]);
		const manifest = await (await page.request.get('/manifest.webmanifest')).json();
		expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', lang: 'zh-CN' });
		for (const size of [192, 512]) {
			for (const purpose of ['any', 'maskable']) {
				const icon = manifest.icons.find(
					(i: { sizes: string; purpose: string }) =>
						i.sizes === `${size}x${size}` && i.purpose === purpose
				);
				const png = await page.request.get(icon.src);
				expect(png.headers()['content-type']).toBe('image/png');
				const body = await png.body();
				// a PNG's IHDR holds its width and height
				expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([size, size]);
			}
		}

		// the service worker is registered and controls the page
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
			.toBe('activated');

		// the list asks the worker to keep its slips: the slip was never opened, and it is kept
		await page.goto('/bookings');
		await expect(page.locator('section[aria-labelledby="upcoming"]')).toContainText(booking.code);
		await expect.poll(() => kept(page, `/bookings/${booking.id}/slip`)).toBe(true);
		await expect.poll(() => kept(page, `/bookings/${booking.id}/slip/__data.json`)).toBe(true);
		await expect.poll(() => kept(page, `/bookings/${booking.id}/__data.json`)).toBe(true);

		await context.setOffline(true);
		// at the door without signal: the slip, loaded as a page
		await page.goto(`/bookings/${booking.id}/slip`);
		await expect(page.getByTestId('slip-code')).toHaveText(booking.code);
		await expect(page.locator('.qr svg')).toBeVisible();
		await screenshot(page, 'offline-slip-phone');
		// and reached from 我的预约 by tapping, as a person would (a client-side navigation)
		await page.goto('/bookings');
		const listed = page.locator('section[aria-labelledby="upcoming"]');
		await expect(listed).toContainText(booking.code);
		await listed.locator(`a[href="/bookings/${booking.id}"]`).click();
		await page.getByRole('link', { name: '预约单（可打印）' }).click();
		await expect(page.getByTestId('slip-code')).toHaveText(booking.code);
		// a page that is not kept says so, with the way to the bookings
		await page.goto('/profile');
		await expect(page.getByRole('heading', { name: '现在没有网络' })).toBeVisible();
		await screenshot(page, 'offline-page-phone');
		await context.setOffline(false);

		// someone else signs in on this phone: the first answer for them deletes what was kept for
		// the first person
		const personalCaches = () =>
			page.evaluate(async () =>
				(await caches.keys()).filter((name) => name.startsWith('lifecircle-personal-'))
			);
		const [first] = await personalCaches();
		expect(first).toMatch(/^lifecircle-personal-\d+$/);
		const other = await context.request.post('/api/v1/auth/login', {
			data: { phone: '13900000003', password }
		});
		expect(other.status()).toBe(200);
		await page.goto('/bookings');
		await expect.poll(personalCaches).not.toContain(first);

		// logging out deletes what was kept for this person
		await page.goto('/logout');
		await page.getByRole('button', { name: '退出登录' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await expect.poll(personalCaches).toEqual([]);
		await context.setOffline(true);
		await page.goto(`/bookings/${booking.id}/slip`);
		await expect(page.getByRole('heading', { name: '现在没有网络' })).toBeVisible();
		await expect(page.getByText(booking.code)).toHaveCount(0);
		await context.setOffline(false);
	} finally {
		await context.setOffline(false);
		// signed out above: in again to cancel the place
		await context.request.post('/api/v1/auth/login', {
			data: { phone: '13900000001', password }
		});
		await context.request.delete(`/api/v1/bookings/${booking.id}`);
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('a slip that arrives after the sign-out it was asked for before is not kept', async () => {
	const profile = mkdtempSync(join(tmpdir(), 'lifecircle-profile-'));
	const context = await phoneContext(profile, '13900000001');
	const booking = await book(context);
	const page = context.pages()[0] ?? (await context.newPage());
	const personalCaches = () =>
		page.evaluate(async () =>
			(await caches.keys()).filter((name) => name.startsWith('lifecircle-personal-'))
		);
	try {
		await page.goto('/');
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
			.toBe('activated');
		// the list asks the service worker to keep its slips; the last thing it fetches, the slip's
		// data, is answered for the person while signed in and held until they have signed out in
		// another tab
		const slipData = `/bookings/${booking.id}/slip/__data.json`;
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		let held = false;
		await context.route(`**${slipData}*`, async (route) => {
			if (!route.request().serviceWorker()) return route.continue();
			const response = await route.fetch();
			held = true;
			await released;
			await route.fulfill({ response });
		});
		await page.goto('/bookings');
		await expect.poll(() => held).toBe(true);
		const other = await context.newPage();
		await other.goto('/logout');
		await other.getByRole('button', { name: '退出登录' }).click();
		await other.waitForURL((url) => url.pathname === '/');
		await expect.poll(personalCaches).toEqual([]);
		// delivered: read into the cache (before this fix) or dropped unread
		const isSlipData = (request: { url(): string }) => request.url().includes(slipData);
		const delivered = Promise.race([
			context.waitForEvent('requestfinished', isSlipData),
			context.waitForEvent('requestfailed', isSlipData)
		]);
		release();
		await delivered;
		// nothing may come back: the worker writes what it keeps within milliseconds of the answer
		await page.waitForTimeout(1500);
		expect(await personalCaches()).toEqual([]);
		await other.close();
	} finally {
		await context.unroute(`**/bookings/${booking.id}/slip/__data.json*`);
		await context.request.post('/api/v1/auth/login', {
			data: { phone: '13900000001', password }
		});
		await context.request.delete(`/api/v1/bookings/${booking.id}`);
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});
