import { expect, test, type Browser, type Page, type Route } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { openPage, viewports } from './helpers';

// What a person types, chooses or taps while a page hydrates is never lost (src/lib/hydration).
// On a slow phone the form is on the screen long before the page's JavaScript has run; here the race
// is made certain: the page's JavaScript modules are held back until the person has typed, chosen or
// tapped, then let through, and what they did must still count once the page has hydrated.

/** Holds every JavaScript module of the app (stylesheets pass: the page is drawn as the person sees it). */
async function holdScripts(page: Page) {
	const held: Route[] = [];
	let holding = true;
	await page.route('**/_app/immutable/**', (route) => {
		if (holding && route.request().url().endsWith('.js')) held.push(route);
		else void route.continue();
	});
	return {
		/** Lets the held modules (and every later one) through. */
		async release() {
			holding = false;
			for (const route of held.splice(0)) await route.continue();
		}
	};
}

/**
 * The page has hydrated and SvelteKit's router has started: the router's last step at its start is to
 * take over the scroll position (`history.scrollRestoration = 'manual'`), which a page without its
 * scripts never does. A signal of the framework itself, not of the fix this file tests.
 */
async function hydrated(page: Page) {
	await page.waitForFunction(() => history.scrollRestoration === 'manual', null, {
		timeout: 60_000
	});
}

async function staffPage(browser: Browser, viewport: keyof typeof viewports) {
	const page = await openPage(browser, viewport);
	const login = await page.request.post('/api/v1/auth/login', {
		data: { phone: '13900000099', password: 'jyg-demo-2026' }
	});
	expect(login.status()).toBe(200);
	return page;
}

test('typed into the project form while it hydrated: kept, and the form sends it', async ({
	browser
}) => {
	const [centre] = await withServerDb((db) =>
		db
			.select({ lng: schema.community.centreLng, lat: schema.community.centreLat })
			.from(schema.community)
			.where(eq(schema.community.code, '620201001009'))
	);
	const lng = centre.lng.toFixed(6);
	const page = await staffPage(browser, 'desktop');
	const scripts = await holdScripts(page);
	// 雄关社区's project form, asked for from a planning gap: title and place start empty (both are
	// required), category and point come filled in; the person writes over the point's longitude
	const prefilled = `lng=${(centre.lng + 0.002).toFixed(6)}&lat=${centre.lat.toFixed(6)}`;
	await page.goto(`/staff/projects/new?community=620201001009&category=meal&${prefilled}`, {
		waitUntil: 'domcontentloaded'
	});
	const form = page.getByTestId('project-form');
	const title = `雄关社区新建老年助餐点 ${Date.now()}`;
	await form.locator('input[name=title]').fill(title);
	await form.locator('select[name=category]').selectOption('other');
	await form.locator('input[name=place]').fill('雄关社区服务中心一楼');
	await form.locator('input[name=responsibleUnit]').fill('雄关街道办事处');
	await form.locator('input[name=plannedEnd]').fill('2027-06-30');
	await form.locator('input[name=lng]').fill(lng);
	// scripts there is none yet: the page is still the server's
	expect(await page.evaluate(() => history.scrollRestoration)).toBe('auto');

	await scripts.release();
	await hydrated(page);
	await expect(form.locator('input[name=title]')).toHaveValue(title);
	await expect(form.locator('input[name=place]')).toHaveValue('雄关社区服务中心一楼');
	await expect(form.locator('input[name=responsibleUnit]')).toHaveValue('雄关街道办事处');
	await expect(form.locator('select[name=category]')).toHaveValue('other');
	await expect(form.locator('input[name=lng]')).toHaveValue(lng);
	await form.getByRole('button').click();
	await expect(page).toHaveURL(/\/staff\/projects\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
	const id = Number(page.url().split('/').pop());
	const [project] = await withServerDb((db) =>
		db
			.select({
				title: schema.project.title,
				place: schema.project.place,
				category: schema.project.categoryCode,
				lng: schema.project.lng
			})
			.from(schema.project)
			.where(eq(schema.project.id, id))
	);
	expect(project).toEqual({
		title,
		place: '雄关社区服务中心一楼',
		category: null, // 其他
		lng: Number(lng)
	});
	await page.context().close();
});

for (const viewport of ['phone', 'desktop'] as const) {
	test(`a community chosen while the register page hydrated loads its residences (${viewport})`, async ({
		browser
	}) => {
		const page = await openPage(browser, viewport);
		const scripts = await holdScripts(page);
		await page.goto('/register', { waitUntil: 'domcontentloaded' });
		await page.getByLabel('姓名').fill('赵晓明');
		await page.getByLabel('所在社区').selectOption({ label: '胜利社区' });
		await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
		await expect(page.getByLabel('住的小区（可选）')).toHaveCount(0);

		await scripts.release();
		await hydrated(page);
		// chosen once, before the change handler existed: the residences come all the same
		await expect(page.getByLabel('住的小区（可选）')).toBeVisible();
		await expect(page).toHaveURL(/\?community=620201001002$/);
		// and nothing else the person did was undone
		await expect(page.getByLabel('所在社区')).toHaveValue('620201001002');
		await expect(page.getByLabel('姓名')).toHaveValue('赵晓明');
		await expect(page.getByRole('checkbox', { name: /我已阅读并同意/ })).toBeChecked();
		await page.context().close();
	});
}

test('a link tapped before the page hydrated leads to its page, the page hydrating meanwhile', async ({
	browser
}) => {
	// the service worker would fetch the next page itself, out of page.route's sight
	const page = await openPage(browser, 'phone', { hasTouch: true, serviceWorkers: 'block' });
	// while a navigation is on its way Playwright cannot evaluate in the page: the page reports its
	// own hydration (the same sign as hydrated() above) through a binding
	let hydratedAt = 0;
	await page.exposeFunction('hydrationProbe', () => (hydratedAt = Date.now()));
	await page.addInitScript(() => {
		const poll = setInterval(() => {
			if (history.scrollRestoration !== 'manual') return;
			clearInterval(poll);
			(window as unknown as { hydrationProbe: () => void }).hydrationProbe();
		}, 10);
	});
	const scripts = await holdScripts(page);
	await page.goto('/communities/620201001002', { waitUntil: 'domcontentloaded' });
	const link = page.locator('.service-card h3 a').first();
	const name = await link.innerText();
	const href = (await link.getAttribute('href')) ?? '';
	expect(href).toMatch(/^\/service-points\/\d+$/);
	// the page the link leads to is held too, so that this page hydrates (and SvelteKit's router
	// starts, rewriting the history entry) while the tap's navigation is on its way
	let target: Route | undefined;
	await page.route(`**${href}`, (route) => {
		if (route.request().isNavigationRequest() && !target) target = route;
		else void route.continue();
	});
	await link.tap();
	await expect.poll(() => target !== undefined).toBe(true);
	await scripts.release();
	await expect.poll(() => hydratedAt > 0, { timeout: 60_000 }).toBe(true);
	await target!.continue();
	await expect(page).toHaveURL(new RegExp(`${href}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await page.context().close();
});

test('a category unticked on the map while it hydrated stays unticked, and the map follows it', async ({
	browser
}) => {
	const page = await openPage(browser, 'phone');
	const scripts = await holdScripts(page);
	await page.goto('/map', { waitUntil: 'domcontentloaded' });
	// the filter is folded (a native <details>: it opens without the page's scripts)
	const summary = page.locator('.filter-box summary');
	const total = await page.locator('.filter-box input[type=checkbox]').count();
	expect(total).toBeGreaterThan(1);
	await expect(summary).toHaveText(`按类别筛选（${total}/${total}）`);
	await summary.click();
	const box = page.locator('.filter-box input[type=checkbox]').first();
	const code = await box.getAttribute('value');
	await box.uncheck();

	await scripts.release();
	await hydrated(page);
	// the page's own `checked={…}` wrote it back ticked; the person's choice is put back and acted on
	await expect(box).not.toBeChecked();
	await expect(summary).toHaveText(`按类别筛选（${total - 1}/${total}）`);
	await expect(page).toHaveURL(/[?&]category=/);
	expect(new URL(page.url()).searchParams.getAll('category')).not.toContain(code);
	await page.context().close();
});
