import AxeBuilder from './axe';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { horizontalOverflow, viewports } from './helpers';

/** Measured 长辈版 rules (DESIGN.md "Standards"): they fail when the design slips. */

export const password = 'jyg-demo-2026';
export const elderPhone = '13900000002';
export const carerPhone = '13900000003';
export const shengli = '620201001002';

/** A page in its own context (axe needs one), signed in through the JSON login when a phone is given. */
export async function elderPage(
	browser: Browser,
	viewport: keyof typeof viewports | { width: number; height: number },
	phone?: string
): Promise<Page> {
	const size = typeof viewport === 'string' ? viewports[viewport] : viewport;
	const context = await browser.newContext({
		viewport: size,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: size.width < 640 ? 2 : 1
	});
	if (phone) {
		const login = await context.request.post('/api/v1/auth/login', { data: { phone, password } });
		expect(login.status()).toBe(200);
	}
	return context.newPage();
}

/** Every visible element with its own text: its font size (px) and line height (× font size). */
export function textBelowRules(page: Page) {
	return page.evaluate(() => {
		const bad: string[] = [];
		for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
			const ownText = [...element.childNodes].some(
				(node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''
			);
			if (!ownText || !element.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
				continue;
			if (element.closest('.visually-hidden')) continue;
			const style = getComputedStyle(element);
			const size = parseFloat(style.fontSize);
			const lineHeight = parseFloat(style.lineHeight) / size;
			const text = element.textContent!.trim().slice(0, 20);
			if (size < 24) bad.push(`${element.tagName} "${text}": ${size}px`);
			if (!(lineHeight >= 1.5 - 1e-6))
				bad.push(`${element.tagName} "${text}": line height ${style.lineHeight}`);
		}
		return bad;
	});
}

/** Every visible interactive element: at least 60 × 60 px, and none overlapping another. */
export function targetsBelowRules(page: Page) {
	return page.evaluate(() => {
		const selector =
			'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
		const boxes = [...document.querySelectorAll<HTMLElement>(selector)]
			.filter((e) => e.checkVisibility({ visibilityProperty: true }))
			.map((e) => ({ e, r: e.getBoundingClientRect() }))
			// the skip link waits off-screen until it is focused
			.filter(({ r }) => r.right > 0 && r.width > 0);
		const bad: string[] = [];
		const name = (e: HTMLElement) => `${e.tagName} "${(e.textContent ?? '').trim().slice(0, 16)}"`;
		for (const { e, r } of boxes) {
			if (r.width < 59.5 || r.height < 59.5)
				bad.push(`${name(e)}: ${Math.round(r.width)}×${Math.round(r.height)}`);
		}
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				const [a, b] = [boxes[i].r, boxes[j].r];
				const apart =
					a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
				if (!apart && !boxes[i].e.contains(boxes[j].e) && !boxes[j].e.contains(boxes[i].e))
					bad.push(`${name(boxes[i].e)} overlaps ${name(boxes[j].e)}`);
			}
		return bad;
	});
}

/** WCAG 2.2 A/AA, plus the AAA text contrast (7:1) that 长辈版 aims for, in one axe run. */
export async function axeViolations(page: Page) {
	// axe runs the tagged rules and, in the same pass, the one AAA rule switched on by name
	const results = await new AxeBuilder({ page })
		.options({ rules: { 'color-contrast-enhanced': { enabled: true } } })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const ran = [
		...results.passes,
		...results.violations,
		...results.incomplete,
		...results.inapplicable
	].map((rule) => rule.id);
	expect(ran, 'the 7:1 contrast rule ran').toContain('color-contrast-enhanced');
	return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`);
}

/**
 * All the measured rules for the page that is open; `axe: false` leaves out the axe scan (the
 * costly part: other tests at other sizes scan the same page).
 */
export async function expectElderRules(page: Page, { axe = true }: { axe?: boolean } = {}) {
	const where = page.url();
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
	// the read-aloud buttons appear once the page runs: measure them too
	await expect(page.getByRole('button', { name: '朗读本页' })).toBeVisible();
	expect(await textBelowRules(page), `text on ${where}`).toEqual([]);
	expect(await targetsBelowRules(page), `targets on ${where}`).toEqual([]);
	if (axe) expect(await axeViolations(page), `axe on ${where}`).toEqual([]);
	expect(await horizontalOverflow(page), `sideways scrolling on ${where}`).toBeLessThanOrEqual(0);
}

/** Gzipped bytes of every JavaScript file the page loaded, and whether any of it is Leaflet. */
export async function javascriptLoaded(page: Page) {
	const urls = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((entry) => entry.name)
			.filter((url) => new URL(url).pathname.endsWith('.js'))
	);
	let gzipBytes = 0;
	let leaflet = false;
	for (const url of new Set(urls)) {
		const body = await (await page.request.get(url)).body();
		gzipBytes += gzipSync(body, { level: 9 }).length;
		leaflet ||= body.includes('leafletjs.com');
	}
	return { files: new Set(urls).size, gzipBytes, leaflet };
}

/** Whole on the first screen: the page is at its top and the element ends above the window's bottom. */
export async function expectOnFirstScreen(locator: Locator, what: string) {
	const page = locator.page();
	await expect(locator, what).toBeVisible();
	const view = await page.evaluate(() => ({ scrollY: window.scrollY, height: window.innerHeight }));
	expect(view.scrollY, `${what}: the page is at its top`).toBe(0);
	const box = (await locator.boundingBox())!;
	expect(box.y, `${what}: top`).toBeGreaterThanOrEqual(0);
	expect(
		box.y + box.height,
		`${what}: bottom within the first ${view.height} px`
	).toBeLessThanOrEqual(view.height);
}

/** The community's phone: a tel: link on the first screen, one tap away. */
export async function expectCallInOneTap(page: Page) {
	const call = page.getByTestId('community-phone');
	await expect(call).toHaveAttribute('href', /^tel:[\d-]+$/);
	await expect(call).toHaveAccessibleName(/^给.+打电话 [\d-]+$/);
	await expectOnFirstScreen(call, `the community phone on ${page.url()}`);
}
