import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { lastCodeTo, randomPhone } from '../integration/accounts-helpers';
import { horizontalOverflow, screenshot, viewports } from './helpers';

// Issue 18's "done means", in a browser: a resident raises a need, a neighbour supports it, staff
// turn it into a project, the project completes with a new service point, and the planning view
// shows the coverage and the target moving (the ledger's history before → after).

const xiongguanCommunity = '620201001009'; // 雄关社区: no meal point in the demo city

async function context(browser: Browser, viewport: keyof typeof viewports): Promise<Page> {
	const ctx = await browser.newContext({
		viewport: viewports[viewport],
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: viewport === 'phone' ? 2 : 1
	});
	return ctx.newPage();
}

/** A new resident of 雄关社区, registered through the API in the page's own cookie jar. */
async function newResident(browser: Browser, viewport: keyof typeof viewports) {
	const page = await context(browser, viewport);
	const phone = randomPhone();
	const started = await page.request.post('/api/v1/auth/register', {
		data: {
			name: '雄关居民',
			phone,
			password: 'walk-to-the-canteen',
			communityCode: xiongguanCommunity,
			consent: true
		}
	});
	expect(started.status()).toBe(202);
	const { ticket } = await started.json();
	const done = await page.request.post('/api/v1/auth/register', {
		data: { ticket, code: await lastCodeTo(phone) }
	});
	expect(done.status()).toBe(201);
	return page;
}

async function signedIn(browser: Browser, phone: string, viewport: keyof typeof viewports) {
	const page = await context(browser, viewport);
	const login = await page.request.post('/api/v1/auth/login', {
		data: { phone, password: 'jyg-demo-2026' }
	});
	expect(login.status()).toBe(200);
	return page;
}

async function takeSnapshot(admin: Page) {
	await admin.goto('/admin');
	const points = await admin.getByTestId('target-chart').first().locator('circle').count();
	await admin.getByTestId('take-snapshot').click();
	await expect(admin.getByRole('status').filter({ hasText: '已记录' })).toBeVisible();
	await expect(admin.getByTestId('target-chart').first().locator('circle')).toHaveCount(points + 1);
}

test('need → support → project → new service point → coverage and the target moving', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const [centre] = await withServerDb((db) =>
		db
			.select({ lng: schema.community.centreLng, lat: schema.community.centreLat })
			.from(schema.community)
			.where(eq(schema.community.code, xiongguanCommunity))
	);
	const admin = await signedIn(browser, '13900000099', 'desktop');
	await takeSnapshot(admin);
	const mealBefore = await admin.locator('[data-target="meal"] td').first().innerText();

	// a resident raises a need (phone)
	const text = `雄关社区附近没有老年助餐点，希望开一个 ${Date.now()}`;
	const resident = await newResident(browser, 'phone');
	await resident.goto('/needs');
	await expect(resident.getByRole('heading', { level: 1 })).toContainText('雄关社区');
	const form = resident.getByTestId('raise-form');
	await form.locator('select[name=category]').selectOption('meal');
	await form.locator('textarea[name=text]').fill(text);
	await form.getByRole('button', { name: '提交需求' }).click();
	await expect(resident.getByRole('status')).toContainText('需求已提交');

	// two neighbours add "我也需要"
	for (const viewport of ['desktop', 'phone'] as const) {
		const neighbour = await newResident(browser, viewport);
		await neighbour.goto('/needs');
		const theirs = neighbour.getByTestId('need').filter({ hasText: text });
		await theirs.getByTestId('support').click();
		await expect(theirs.getByTestId('support')).toHaveCount(0);
		await neighbour.context().close();
	}
	await resident.reload();
	const mine = resident.getByTestId('needs-list').getByTestId('need').filter({ hasText: text });
	await expect(mine.getByTestId('need-supporters')).toHaveText('2 人也需要');
	// one's own need offers no "我也需要"
	await expect(mine.getByTestId('support')).toHaveCount(0);
	expect(await horizontalOverflow(resident)).toBeLessThanOrEqual(0);
	await screenshot(resident, 'journey-1-need-phone');

	// the gaps page shows the demand beside the coverage gaps
	await admin.goto('/admin/gaps?category=meal');
	await expect(
		admin.getByTestId('gap-demand').locator('tr', { hasText: '雄关社区' })
	).toBeVisible();
	await screenshot(admin, 'journey-2-gaps-desktop');

	// staff (here the administrator, who serves every community) turn it into a project
	await admin.goto(`/staff/needs?community=${xiongguanCommunity}`);
	await admin
		.getByTestId('staff-needs')
		.getByTestId('need')
		.filter({ hasText: text })
		.getByTestId('to-project')
		.click();
	// filled at once, even while the page hydrates: what was typed is kept (hydration.e2e.ts)
	await admin.waitForURL(/\/staff\/projects\/new/);
	const projectForm = admin.locator('form').filter({ has: admin.locator('input[name=title]') });
	await projectForm.locator('input[name=title]').fill('雄关社区新建老年助餐点');
	await projectForm.locator('input[name=place]').fill('雄关社区服务中心一楼');
	await projectForm.locator('input[name=responsibleUnit]').fill('雄关街道办事处');
	await projectForm.locator('input[name=plannedEnd]').fill('2027-06-30');
	await projectForm.locator('input[name=lng]').fill(centre.lng.toFixed(6));
	await projectForm.locator('input[name=lat]').fill(centre.lat.toFixed(6));
	await projectForm.getByRole('button').click();
	await expect(admin).toHaveURL(/\/staff\/projects\/\d+$/);
	const projectId = Number(admin.url().split('/').pop());

	// it completes, creating the new service point
	const update = admin.getByTestId('project-update');
	await update.locator('select[name=status]').selectOption('completed');
	await update.locator('textarea[name=note]').fill('助餐点已建成开放');
	await update.getByTestId('create-point').check();
	await update.locator('input[name=pointName]').fill('雄关社区老年助餐点');
	await screenshot(admin, 'journey-3-complete-desktop');
	await update.getByRole('button').click();
	await expect(admin.getByTestId('project-status')).toHaveText('已完成');
	await expect(admin.getByTestId('project-point')).toContainText('雄关社区老年助餐点');

	// the project page: coverage before → after, and the resident's need is solved
	await resident.goto(`/projects/${projectId}`);
	await expect(resident.getByTestId('project-coverage')).toBeVisible();
	await expect(resident.getByTestId('project-point')).toHaveText('雄关社区老年助餐点');
	expect(await horizontalOverflow(resident)).toBeLessThanOrEqual(0);
	await screenshot(resident, 'journey-4-project-phone');

	// the planning view: the meal target moved, and the ledger's history shows it
	await expect
		.poll(async () => {
			await admin.goto('/admin');
			return admin.locator('[data-target="meal"] td').first().innerText();
		})
		.not.toBe(mealBefore);
	await takeSnapshot(admin);
	// the meal chart's first and last points: 77.1% before, the new point's community counted after
	const mealChart = admin.locator('figure[data-key="meal"]').getByTestId('target-chart');
	const mealAfter = await admin.locator('[data-target="meal"] td').first().innerText();
	const share = (cell: string) => cell.split(/\s/)[0].replace('.', '\\.');
	await expect(mealChart).toHaveAttribute(
		'aria-label',
		new RegExp(`${share(mealBefore)}.*${share(mealAfter)}`)
	);
	await screenshot(admin, 'journey-5-admin-desktop');
	const phoneAdmin = await signedIn(browser, '13900000099', 'phone');
	await phoneAdmin.goto('/admin');
	expect(await horizontalOverflow(phoneAdmin)).toBeLessThanOrEqual(0);
	await screenshot(phoneAdmin, 'journey-5-admin-phone');

	// the yearly ledger of the community lists the project; it prints without the site's chrome
	await admin.goto(`/admin/ledger/area/${xiongguanCommunity}`);
	await expect(admin.getByTestId('ledger-table').locator('tr[data-key="meal"]')).toContainText(
		'雄关社区新建老年助餐点'
	);
	await admin.emulateMedia({ media: 'print' });
	await expect(admin.getByRole('button', { name: '打印' })).toBeHidden();
	await screenshot(admin, 'journey-6-ledger-print');
	await admin.emulateMedia({ media: 'screen' });
	await phoneAdmin.goto(`/admin/ledger/area/${xiongguanCommunity}`);
	expect(await horizontalOverflow(phoneAdmin)).toBeLessThanOrEqual(0);
	await screenshot(phoneAdmin, 'journey-6-ledger-phone');

	// 服务资源 with a location are a layer of the one map (the demo's 驻区单位 parking in 胜利社区)
	for (const page of [resident, admin]) {
		await page.goto('/map?community=620201001002');
		await expect(page.getByTestId('map-resources')).toBeVisible();
		await page.locator('.map-wrap').scrollIntoViewIfNeeded();
		await expect(page.locator('[data-circles]')).not.toHaveAttribute('data-circles', '0');
	}
	await screenshot(resident, 'journey-7-map-resources-phone');
	await screenshot(admin, 'journey-7-map-resources-desktop');

	// tidy: the test city's later tests expect the demo's points only
	const [row] = await withServerDb((db) =>
		db.select().from(schema.project).where(eq(schema.project.id, projectId))
	);
	await withServerDb((db) =>
		transaction(db, (tx) =>
			tx
				.update(schema.servicePoint)
				.set({ active: false })
				.where(eq(schema.servicePoint.id, row.servicePointId!))
		)
	);
});
