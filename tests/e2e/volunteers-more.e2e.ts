import { expect, test, type Page } from '@playwright/test';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { horizontalOverflow, openPage, screenshot } from './helpers';

const { community, communityFacts, volunteerStation } = schema;

async function signIn(page: Page, phone: string) {
	const response = await page.request.post('/api/v1/auth/login', {
		data: { phone, password: 'jyg-demo-2026' }
	});
	expect(response.status()).toBe(200);
}

/** The "3 / 4" of the target's row on /admin. */
async function stationTarget(page: Page) {
	await page.goto('/admin');
	const row = page.locator('tr[data-target="volunteer_station"]');
	await expect(row).toContainText('志愿服务站点覆盖社区综合服务设施');
	const text = (await row.locator('td').first().textContent()) ?? '';
	const [, count, total] = /(\d+) \/ (\d+)/.exec(text) ?? [];
	return { count: Number(count), total: Number(total), text };
}

test('a station opened at a service centre moves the planning target; the coverage view counts volunteers', async ({
	browser
}) => {
	for (const viewport of ['desktop', 'phone'] as const) {
		const page = await openPage(browser, viewport);
		await signIn(page, '13900000099');
		const before = await stationTarget(page);
		expect(before.total).toBeGreaterThan(40);
		expect(before.count).toBeLessThan(before.total);
		if (viewport === 'desktop') {
			// the first centre without a station gets one at its centre (the station form is H2's)
			await withServerDb(async (db) => {
				const [free] = await db
					.select({ code: community.code, lng: community.centreLng, lat: community.centreLat })
					.from(community)
					.innerJoin(communityFacts, eq(communityFacts.communityCode, community.code))
					.leftJoin(volunteerStation, eq(volunteerStation.communityCode, community.code))
					.where(and(gt(communityFacts.centreAreaM2, 0), isNull(volunteerStation.id)))
					.orderBy(asc(community.code))
					.limit(1);
				await transaction(db, (tx) =>
					tx.insert(volunteerStation).values({
						communityCode: free.code,
						name: '新开志愿服务站',
						place: '党群服务中心',
						lng: free.lng,
						lat: free.lat
					})
				);
			});
			const after = await stationTarget(page);
			expect(after.count).toBe(before.count + 1);
			expect(after.total).toBe(before.total);
		}
		await page.locator('tr[data-target="volunteer_station"]').scrollIntoViewIfNeeded();
		await screenshot(page, `volunteer-target-${viewport}`);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

		await page.goto('/admin/coverage');
		const table = page.getByTestId('volunteer-coverage');
		await expect(table.locator('tr[data-volunteers-of="620201001002"]')).toBeVisible();
		const total = table.locator('tr[data-volunteers-of="total"] td');
		expect(Number(await total.nth(1).textContent())).toBeGreaterThan(30);
		expect(Number(await total.nth(3).textContent())).toBeGreaterThan(0);
		await table.scrollIntoViewIfNeeded();
		await page.screenshot({
			path: `tests/output/screenshots/volunteer-coverage-${viewport}.png`
		});
		await page.context().close();
	}
});

test('the demo volunteer reads their hours and prints the certificate of the year', async ({
	browser
}) => {
	for (const viewport of ['desktop', 'phone'] as const) {
		const page = await openPage(browser, viewport);
		await signIn(page, '13900000131');
		if (viewport === 'desktop') {
			// a place in 胜利社区's coming activity (the form works before and after hydration)
			await page.goto('/volunteer/activities');
			const open = page
				.getByTestId('volunteer-activities')
				.locator('li')
				.filter({ has: page.getByRole('button', { name: '报名', exact: true }) })
				.first();
			await open.getByRole('button', { name: '报名', exact: true }).click();
			await expect(page.getByRole('status')).toContainText('报名成功');
			await expect(page.getByRole('button', { name: '取消报名' }).first()).toBeVisible();
			await screenshot(page, 'volunteer-activities-desktop');
		}
		await page.goto('/volunteer/hours');
		await expect(page.getByTestId('hours-total')).toContainText('小时');
		const year = page.locator('[data-year]').first();
		await year.getByRole('link').click();
		const certificate = page.getByTestId('certificate');
		await expect(certificate).toContainText('志愿服务时长证明');
		await expect(certificate).toContainText('赵志愿');
		await expect(certificate).toContainText('胜利社区志愿服务站');
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, `volunteer-certificate-${viewport}`);
		if (viewport === 'desktop') {
			// the printed page: A4, without the site's header and the print button
			await page.emulateMedia({ media: 'print' });
			await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
			await screenshot(page, 'volunteer-certificate-print');
			const pdf = await page.pdf({ format: 'A4', printBackground: true });
			expect(pdf.length).toBeGreaterThan(1000);
		}
		await page.context().close();
	}
});

test('a station’s staff post an activity with the form; a bad one is refused in Chinese', async ({
	browser
}) => {
	for (const viewport of ['phone', 'desktop'] as const) {
		const page = await openPage(browser, viewport);
		await signIn(page, '13900000011');
		await page.goto('/staff/volunteer-activities');
		const form = page.getByTestId('activity-form');
		const title = `重阳节探访 ${viewport}`;
		await form.getByLabel('活动名称').fill(title);
		await form
			.getByLabel('日期')
			.fill(new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10));
		await form.getByLabel('地点').fill('胜利社区党群服务中心');
		await form.getByLabel('名额').fill('6');
		if (viewport === 'phone') {
			// no item ticked: refused, what was typed kept
			await form.getByRole('button', { name: '发布活动' }).click();
			await expect(page.getByRole('alert')).toContainText('服务项目');
			await expect(page.getByTestId('activity-form').getByLabel('活动名称')).toHaveValue(title);
			await page.getByTestId('activity-form').getByLabel('上门探访').check();
			await page.getByTestId('activity-form').getByRole('button', { name: '发布活动' }).click();
		} else {
			await form.getByLabel('上门探访').check();
			await form.getByRole('button', { name: '发布活动' }).click();
		}
		await expect(page.getByRole('status')).toContainText('活动已发布');
		await expect(page.getByTestId('staff-activities')).toContainText(title);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, `volunteer-staff-activities-${viewport}`);
		await page.context().close();
	}
});

test('a station named with one long unbroken word wraps on the community page at 320 px', async ({
	browser
}) => {
	const staff = await openPage(browser, 'phone');
	await signIn(staff, '13900000011');
	const name = `胜利站${'Ｗ'.repeat(6)}${Date.now()}${'x'.repeat(40)}`;
	await staff.goto('/staff/volunteers');
	const created = await staff.request.post('/staff/volunteers?/station', {
		headers: { origin: new URL(staff.url()).origin },
		form: {
			community: '620201001002',
			name,
			place: `${'活动室'.repeat(3)}${'y'.repeat(60)}`,
			lng: '98.2901',
			lat: '39.7702',
			openingText: '每天 8:00–18:00',
			contact: '0937-6200000',
			items: 'reading_chat'
		}
	});
	expect(created.status()).toBe(200);
	await staff.setViewportSize({ width: 320, height: 640 });
	await staff.goto('/communities/620201001002');
	await expect(staff.getByTestId('community-stations')).toContainText(name.slice(0, 20));
	expect(await horizontalOverflow(staff)).toBeLessThanOrEqual(0);
});
