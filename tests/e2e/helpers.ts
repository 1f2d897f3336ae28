import type { Browser, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const viewports = {
	desktop: { width: 1280, height: 900 },
	phone: { width: 375, height: 812 }
} as const;

export const screenshotDir = 'tests/output/screenshots';

export async function openPage(browser: Browser, viewport: keyof typeof viewports): Promise<Page> {
	const context = await browser.newContext({
		viewport: viewports[viewport],
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: viewport === 'phone' ? 2 : 1
	});
	return context.newPage();
}

/** A full-page screenshot for people to look at, under tests/output/screenshots. */
export async function screenshot(page: Page, name: string) {
	mkdirSync(screenshotDir, { recursive: true });
	// wait for maps to finish drawing their base map
	await page
		.locator('.map-status')
		.waitFor({ state: 'detached', timeout: 60_000 })
		.catch(() => {});
	await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
}

/** Fails on horizontal scrolling, the usual sign a layout does not reflow. */
export async function horizontalOverflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
