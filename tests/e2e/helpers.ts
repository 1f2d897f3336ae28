import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const viewports = {
	desktop: { width: 1280, height: 900 },
	phone: { width: 375, height: 812 }
} as const;

export const screenshotDir = 'tests/output/screenshots';

export async function openPage(
	browser: Browser,
	viewport: keyof typeof viewports,
	options: BrowserContextOptions = {}
): Promise<Page> {
	const context = await browser.newContext({
		viewport: viewports[viewport],
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: viewport === 'phone' ? 2 : 1,
		...options
	});
	return context.newPage();
}

/** Whether screenshot() takes pictures (a page visited only for its picture is skipped when not). */
export const screenshotsOn = process.env.SCREENSHOTS !== 'off';

/**
 * A full-page screenshot for people to look at, under tests/output/screenshots. `npm test` sets
 * SCREENSHOTS=off unless told otherwise: nobody looks at a CI run's pictures, and the 127 of them
 * were about a tenth of the browser tests' time (each waits for its maps, then encodes a PNG).
 */
export async function screenshot(page: Page, name: string) {
	if (!screenshotsOn) return;
	mkdirSync(screenshotDir, { recursive: true });
	// Maps draw their base map after the page: wait for them to finish (a condition, not a time).
	// A lazy map starts only near the screen, so bring each into view first; without JavaScript
	// (or if the map cannot start) a map stays "loading", and the screenshot shows that.
	// (page.evaluate works without JavaScript too: ask whether the page's own scripts ran)
	const scripted = await page.evaluate(() =>
		Object.keys(window).some((key) => key.startsWith('__sveltekit_'))
	);
	const maps = page.locator('.map-wrap');
	if (scripted && (await maps.count()) > 0) {
		const scrollY = await page.evaluate(() => window.scrollY);
		for (const map of await maps.all()) await map.scrollIntoViewIfNeeded();
		await page
			.locator('.map-wrap[data-map-status="loading"]')
			.first()
			.waitFor({ state: 'detached', timeout: 60_000 })
			.catch(() => {});
		await page.evaluate((y) => window.scrollTo(0, y), scrollY);
	}
	await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
}

/** Fails on horizontal scrolling, the usual sign a layout does not reflow. */
export async function horizontalOverflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
