import { expect, test, type Browser } from '@playwright/test';
import QRCode from 'qrcode';
import { horizontalOverflow, screenshot, viewports } from './helpers';
import { and, desc, eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import {
	moveSlotIntoThePast,
	moveSlotOntoNow,
	nextSlot,
	points
} from '../integration/staff-helpers';

/**
 * A community worker's day in the browser, at 胜利社区老年人日间照料中心: opening today's times, the list,
 * check-in by code, a no-show after the slot, a walk-in, a closure, and a low rating answered — the resident
 * rates with the one-tap faces and reads the answer. Screenshots at 1280 and 375 px for people to look at.
 */

const password = 'jyg-demo-2026';
const pointId = points.browser;

async function signedIn(browser: Browser, phone: string, viewport: keyof typeof viewports) {
	const context = await browser.newContext({
		viewport: viewports[viewport],
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: viewport === 'phone' ? 2 : 1
	});
	const page = await context.newPage();
	const login = await page.request.post('/api/v1/auth/login', { data: { phone, password } });
	expect(login.status()).toBe(200);
	return page;
}

const { booking: bookingTable, slot } = schema;

const hhmm = (minute: number) =>
	minute >= 1440
		? '24:00'
		: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

test('a full day at the desk: list → check-in → no-show → walk-in → closure → a rating answered', async ({
	browser
}) => {
	test.setTimeout(300_000);
	// Today's opening hours around now, through the management page: the day it plays needs four
	// half-hour slots from now (two booked, two left empty), and today's last opening ends at 23:59
	// (a time field holds no 24:00): from 21:30 Beijing time there is not enough of today left
	const local = new Date(Date.now() + 8 * 3_600_000);
	const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
	test.skip(
		minute >= 21 * 60 + 30 || minute < 5,
		'a day at the desk needs two hours of today left, and an ended slot today (Beijing time)'
	);
	// from 06:30 to 08:30 one of the four slots would start at 08:30, when the day-care's own all-day
	// slot starts (booked by the demo's residents): the rule makes no second slot at that time, and
	// the two empty slots the day needs are not next to each other (failed at 07:2x Beijing time)
	test.skip(
		minute >= 6 * 60 + 30 && minute < 8 * 60 + 30,
		"the day's four slots would take the day-care's own 08:30 slot time (Beijing time)"
	);
	const staff = await signedIn(browser, '13900000011', 'desktop');
	const start = Math.floor(minute / 30) * 30;
	await staff.goto(`/staff/points/${pointId}/manage`);
	await expect(staff.getByRole('heading', { level: 1 })).toContainText(
		'胜利社区老年人日间照料中心'
	);
	const addRule = staff.locator('form.rule').last();
	await addRule.locator('select[name=weekday]').selectOption(String(local.getUTCDay() || 7));
	await addRule.locator('input[name=startMinute]').fill(hhmm(start));
	await addRule.locator('input[name=endMinute]').fill(hhmm(Math.min(start + 120, 1439)));
	await addRule.locator('input[name=slotMinutes]').fill('30');
	await addRule.locator('input[name=capacity]').fill('4');
	await addRule.locator('input[name=reservedForAssisted]').fill('1');
	await addRule.getByRole('button', { name: '添加开放时间' }).click();
	await expect(staff.getByRole('status')).toContainText('已保存');
	await screenshot(staff, 'staff-manage-desktop');

	// A phone booking for a resident with an account, and one for a guest in the next slot
	await staff.goto(`/staff/points/${pointId}`);
	const walkIn = staff.locator('form[action="?/walkIn"]');
	await walkIn.getByRole('radio', { name: '电话' }).check();
	await walkIn.getByLabel('姓名').fill('王建国');
	await walkIn.getByLabel('手机号').fill('13900000001');
	await walkIn.getByRole('button', { name: '预约', exact: true }).click();
	await expect(staff.getByText(/已预约，预约码 [A-Z0-9]{6}/)).toBeVisible();
	const [resident] = await withServerDb((db) =>
		db
			.select({ id: bookingTable.id, code: bookingTable.code, slotId: bookingTable.slotId })
			.from(bookingTable)
			.innerJoin(slot, eq(slot.id, bookingTable.slotId))
			.where(
				and(
					eq(slot.servicePointId, pointId),
					eq(bookingTable.userId, 1),
					eq(bookingTable.status, 'booked')
				)
			)
			.orderBy(desc(bookingTable.id))
			.limit(1)
	);
	// the next free slot, as the form offers it (between 17:00 and 17:30 the demo's all-day slot
	// still runs and the form offers only that one: then the guest joins it)
	const offered = await walkIn
		.getByLabel('时段')
		.locator('option')
		.evaluateAll((options) => options.map((o) => Number((o as HTMLOptionElement).value)));
	const wanted = await nextSlot(pointId);
	const later = offered.includes(wanted) ? wanted : offered[offered.length - 1];
	await walkIn.getByLabel('时段').selectOption(String(later));
	await walkIn.getByRole('radio', { name: '电话' }).check();
	await walkIn.getByLabel('姓名').fill('赵大爷');
	await walkIn.getByLabel('手机号').fill('13722220001');
	await walkIn.getByRole('button', { name: '预约', exact: true }).click();
	await expect(staff.getByText(/已预约，预约码/)).toBeVisible();

	// The console: today at a glance, check-in by the typed code (王建国's appointment runs now: the
	// form's first slot may start later than an on-time check-in allows, by the clock)
	await moveSlotOntoNow(resident.slotId);
	await staff.goto('/staff');
	await expect(staff.getByRole('link', { name: '胜利社区老年人日间照料中心' })).toBeVisible();
	await screenshot(staff, 'staff-console-desktop');
	await staff.getByRole('textbox', { name: '预约码' }).fill(resident.code.toLowerCase());
	await staff.getByRole('button', { name: '签到', exact: true }).click();
	await expect(staff.getByRole('status')).toContainText('王建国 已签到');
	await staff.getByRole('textbox', { name: '预约码' }).fill(resident.code);
	await staff.getByRole('button', { name: '签到', exact: true }).click();
	await expect(staff.getByRole('alert')).toContainText('不能重复使用');
	await screenshot(staff, 'staff-checkin-desktop');

	// The guest's slot has ended (moved into the past: the server's clock cannot be moved): a no-show
	await moveSlotIntoThePast(later, { today: true });
	await staff.goto(`/staff/points/${pointId}`);
	const guestRow = staff.locator('li.person', { hasText: '赵大爷' });
	await guestRow.getByRole('button', { name: '记为爽约' }).click();
	await expect(guestRow).toContainText('爽约');
	await expect(guestRow.getByRole('button', { name: '撤销' })).toBeVisible();
	// the slots nobody booked (today's new ones after this) fold into one line, opened on demand
	const folded = staff.getByTestId('empty-slots').first();
	await expect(folded).toContainText(/\d+ 个无人预约的时段（\d{2}:\d{2}–\d{2}:\d{2}）/);
	await expect(folded.locator('section.slot').first()).toBeHidden();
	await folded.locator('> summary').click();
	await expect(folded.locator('section.slot').first()).toBeVisible();
	await screenshot(staff, 'staff-day-desktop');

	// A walk-in at the desk, checked in at once
	await walkIn.getByRole('radio', { name: '现场' }).check();
	await walkIn.getByLabel('姓名').fill('孙奶奶');
	await walkIn.getByLabel('手机号').fill('13722220002');
	await walkIn.getByRole('button', { name: '预约', exact: true }).click();
	await expect(staff.getByText(/已预约并签到，预约码/)).toBeVisible();

	// Close tomorrow: everyone booked is told
	const closeDay = staff.locator('form[action="?/closeDay"]');
	const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
	await closeDay.getByLabel('开始日期').fill(tomorrow);
	await closeDay.getByLabel('结束日期').fill(tomorrow);
	await closeDay.getByLabel('原因').fill('设备检修');
	await closeDay.getByRole('button', { name: '暂停服务并通知' }).click();
	await expect(staff.getByText(/已暂停服务：取消\d+个预约/)).toBeVisible();

	// The resident rates the visit with one tap (a sad face), on a phone
	const phone = await signedIn(browser, '13900000001', 'phone');
	await phone.goto('/bookings');
	const prompt = phone.locator('li.prompt', { hasText: '胜利社区老年人日间照料中心' }).first();
	await prompt.getByRole('button', { name: '不满意' }).click();
	await expect(phone.getByRole('status')).toContainText('谢谢您的评价');

	// Today's console shows the new low rating with a count and a link to exactly those
	await staff.goto('/staff');
	const lowRatings = staff.getByTestId('low-ratings');
	await expect(lowRatings).toContainText(/\d+条低分评价（≤2星）待回复/);
	await lowRatings.getByRole('link').click();
	await expect(staff).toHaveURL(/show=low_unanswered/);
	await expect(staff.locator('article.rating').first()).toContainText('请电话回访');

	// Staff see it flagged for a call back, answer it, and mark the call done
	await staff.goto('/staff/ratings?show=low');
	const card = staff.locator('article.rating', { hasText: '胜利社区老年人日间照料中心' }).first();
	await expect(card).toContainText('请电话回访');
	await card.getByLabel('公开回复').fill('抱歉，我们已电话联系您并改进。');
	await card.getByRole('button', { name: '发布回复' }).click();
	await expect(card.getByRole('status')).toContainText('回复已发布');
	await expect(card.getByTestId('follow-up-state')).toContainText('尚未回访');
	await card.getByRole('button', { name: '标记已回访' }).click();
	await expect(card.getByTestId('follow-up-state')).toContainText(/已于 .+ 回访/);
	await expect(card.getByRole('button', { name: '标记已回访' })).toHaveCount(0);
	await screenshot(staff, 'staff-ratings-desktop');

	// The answer reaches the resident
	await phone.goto('/notifications');
	await expect(phone.getByText('抱歉，我们已电话联系您并改进。')).toBeVisible();
	await phone.context().close();
	await staff.context().close();
});

test('the console, check-in, management and ratings fit a phone (375 px)', async ({ browser }) => {
	const page = await signedIn(browser, '13900000011', 'phone');
	for (const [path, name] of [
		['/staff', 'staff-console-phone'],
		[`/staff/points/${pointId}`, 'staff-day-phone'],
		[`/staff/points/${pointId}/manage`, 'staff-manage-phone'],
		['/staff/ratings', 'staff-ratings-phone']
	]) {
		await page.goto(path);
		await screenshot(page, name);
		expect(await horizontalOverflow(page), `${path} reflows at 375 px`).toBeLessThanOrEqual(0);
	}
	await page.goto('/staff');
	await page.getByRole('textbox', { name: '预约码' }).fill('ABC');
	await page.getByRole('button', { name: '签到', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('请输入6位预约码');
	await screenshot(page, 'staff-checkin-phone');
	await page.context().close();
});

test('the community page shows satisfaction by category as a chart and a table', async ({
	browser
}) => {
	const page = await signedIn(browser, '13900000001', 'desktop');
	await page.goto('/communities/620201001002');
	const section = page.locator('section.satisfaction');
	await expect(section.getByRole('heading', { name: '居民满意度' })).toBeVisible();
	// the chart is drawn when it is scrolled near (uPlot is loaded then)
	await section.locator('.chart').scrollIntoViewIfNeeded();
	await expect(section.locator('.uplot canvas')).toBeVisible();
	await section.getByText('查看数据表').click();
	await expect(section.locator('details table tbody tr')).toHaveCount(12);
	await section.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'tests/output/screenshots/community-satisfaction-desktop.png' });
	await page.goto(`/service-points/4`);
	await expect(page.getByRole('heading', { name: '居民评价' })).toBeVisible();
	await page.context().close();
});

test('scanning works without a native BarcodeDetector: the polyfill, served by the portal, reads a slip code', async ({
	browser
}) => {
	const page = await signedIn(browser, '13900000011', 'desktop');
	const origins = new Set<string>();
	const wasm: string[] = [];
	page.on('request', (request) => {
		origins.add(new URL(request.url()).origin);
		if (request.url().endsWith('.wasm')) wasm.push(request.url());
	});
	await page.goto('/staff');
	// Debian's Chromium on Linux has no BarcodeDetector of its own: the polyfill path is what runs
	expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
	// the camera is offered, so the hint may say so
	await expect(page.getByTestId('scan-start')).toBeVisible();
	await expect(page.locator('#checkin-hint')).toContainText('扫码');
	await page.getByTestId('scan-start').click();
	// headless has no camera: the detector is installed, then the camera is refused with a message
	await expect(page.getByRole('alert')).toContainText('摄像头', { timeout: 30_000 });
	await page.waitForFunction(() => 'BarcodeDetector' in window, undefined, { timeout: 30_000 });

	const [booking] = await withServerDb((db) =>
		db
			.select({ code: bookingTable.code })
			.from(bookingTable)
			.where(eq(bookingTable.status, 'booked'))
			.orderBy(desc(bookingTable.id))
			.limit(1)
	);
	const image = await QRCode.toDataURL(booking.code, { margin: 2, scale: 6 });
	const read = await page.evaluate(async (source) => {
		const picture = new Image();
		picture.src = source;
		await picture.decode();
		const bitmap = await createImageBitmap(picture);
		type Detector = { detect(s: ImageBitmap): Promise<{ rawValue: string; format: string }[]> };
		const Detector = (
			window as unknown as { BarcodeDetector: new (o: { formats: string[] }) => Detector }
		).BarcodeDetector;
		return new Detector({ formats: ['qr_code'] }).detect(bitmap);
	}, image);
	expect(read.map((r) => [r.rawValue, r.format])).toEqual([[booking.code, 'qr_code']]);
	// the WebAssembly came from the portal itself, and nothing else was asked of another origin
	expect(wasm.length).toBeGreaterThan(0);
	for (const url of wasm) expect(new URL(url).origin).toBe(new URL(page.url()).origin);
	expect([...origins]).toEqual([new URL(page.url()).origin]);
	await page.context().close();
});
