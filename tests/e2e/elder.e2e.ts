import { expect, test, type Page } from '@playwright/test';
import { screenshot } from './helpers';
import { carerPhone, elderPage, elderPhone, shengli } from './elder-checks';

/** The first meal place near the elder's home, with its times (step 1 of 3). */
async function openMealList(page: Page) {
	await page.goto('/elder');
	await page.getByRole('link', { name: /吃饭/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /吃饭/ })).toBeVisible();
}

/** A time on the third day shown, so that cancelling is before the cut-off whatever the hour. */
function laterTime(page: Page, which: 'first' | 'last') {
	const times = page.locator('section.day').nth(2).locator('a.slot');
	return which === 'first' ? times.first() : times.last();
}

for (const viewport of ['phone', 'desktop'] as const) {
	test(`the elder books meal assistance in three steps and cancels in two (${viewport})`, async ({
		browser
	}) => {
		const page = await elderPage(browser, viewport, elderPhone);
		await page.goto('/');
		// the profile's 长辈版 applies on the server, before any script runs
		await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
		await openMealList(page);
		await screenshot(page, `elder-home-list-${viewport}`);
		await page.goto('/elder');
		await screenshot(page, `elder-home-${viewport}`);
		await page.getByRole('link', { name: /吃饭/ }).click();

		// 1. choose the place
		const place = page.locator('ol.places > li').first();
		await expect(place).toContainText(/走路约 \d+ 分钟/);
		await expect(place).toContainText('最近能约');
		const placeName = (await place.locator('h2').textContent())!.trim();
		await place.getByRole('link', { name: '看其他时间' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '选一个时间' })).toBeVisible();
		await screenshot(page, `elder-times-${viewport}`);
		// 2. choose the time
		await laterTime(page, viewport === 'phone' ? 'first' : 'last').click();
		await expect(page.getByRole('heading', { level: 1, name: '请确认预约' })).toBeVisible();
		await expect(page.locator('.summary')).toContainText(placeName);
		await screenshot(page, `elder-confirm-${viewport}`);
		// 3. confirm
		await page.getByRole('button', { name: '确认预约' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '预约成功' })).toBeVisible();
		const code = page.getByTestId('booking-code');
		await expect(code).toHaveText(/^[A-Z2-9]{6}$/);
		// measured once the page's own styles have arrived (a client-side navigation loads them)
		await expect
			.poll(() => code.evaluate((e) => parseFloat(getComputedStyle(e).fontSize)))
			.toBeGreaterThanOrEqual(48);
		const slip = page.locator('.slip');
		await expect(slip).toContainText(placeName);
		await expect(slip).toContainText('地址');
		await expect(slip).toContainText(/\d{2}:\d{2}–\d{2}:\d{2}/);
		await expect(slip.locator('a[href^="tel:"]')).toBeVisible();
		await screenshot(page, `elder-confirmation-${viewport}`);
		const codeText = (await code.textContent())!;

		// cancelling: my bookings → cancel → confirmed
		await page.locator('.actions').getByRole('link', { name: '我的预约' }).click();
		const item = page.locator('li', { hasText: codeText });
		await expect(item).toBeVisible();
		await screenshot(page, `elder-bookings-${viewport}`);
		await item.getByRole('link', { name: '取消预约' }).click();
		await page.getByRole('button', { name: '确定取消' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '预约已取消' })).toBeVisible();
		await page.goto('/elder/bookings');
		await expect(page.locator('main')).not.toContainText(codeText);
		await page.context().close();
	});
}

test('a carer books for the linked elder in the same flow, and both see it', async ({
	browser
}) => {
	const carer = await elderPage(browser, 'phone', carerPhone);
	await openMealList(carer);
	// the shortest way: the place's next free time straight to the confirmation
	await carer.locator('ol.places > li').first().getByRole('link', { name: /^约 / }).click();
	await expect(carer.getByRole('button', { name: '给自己预约' })).toBeVisible();
	await carer.getByRole('button', { name: '给李秀兰预约' }).click();
	await expect(carer.getByRole('heading', { level: 1, name: '预约成功' })).toBeVisible();
	await expect(carer.locator('.slip')).toContainText('李秀兰');
	const code = (await carer.getByTestId('booking-code').textContent())!;
	await carer.goto('/elder/bookings');
	await expect(carer.locator('li', { hasText: code })).toContainText('给李秀兰约的');

	const elder = await elderPage(browser, 'phone', elderPhone);
	await elder.goto('/elder/bookings');
	await expect(elder.locator('li', { hasText: code })).toBeVisible();

	// the carer leaves 长辈版 again (their profile remembers the switch)
	await carer.getByTestId('mode-switch').click();
	await expect(carer.locator('html')).toHaveAttribute('data-mode', 'standard');
	await expect(carer).toHaveURL(/\/bookings$/);
	await carer.context().close();
	await elder.context().close();
});

test('read aloud: a labelled button on the page and on every list item, with a fallback', async ({
	browser
}) => {
	const page = await elderPage(browser, 'phone');
	await page.goto(`/elder/home?community=${shengli}`);
	await page.locator('ul.choices a').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('您想办什么事？');
	await page.getByRole('link', { name: /看病/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /看病/ })).toBeVisible();
	await expect(page.getByRole('button', { name: '朗读本页' })).toBeVisible();
	const items = page.locator('ol.places > li');
	const count = await items.count();
	expect(count).toBeGreaterThan(0);
	for (let i = 0; i < count; i++) {
		const name = (await items.nth(i).locator('h2').textContent())!.trim();
		await expect(items.nth(i).getByRole('button', { name: `朗读：${name}` })).toBeVisible();
	}
	// headless Chromium has no voices: the person is told, nothing breaks
	await page.getByRole('button', { name: '朗读本页' }).click();
	await expect(page.locator('.help [role=status]')).toHaveText(/不能朗读/);
	await page.context().close();

	// with a Mandarin voice, the item is read in zh-CN, without its buttons
	const speaking = await elderPage(browser, 'desktop');
	await speaking.addInitScript(() => {
		const spoken: { text: string; lang: string }[] = [];
		Object.assign(window, { spoken });
		const voice = { lang: 'zh-CN', name: 'test', default: true, localService: true, voiceURI: 't' };
		class Utterance {
			text: string;
			lang = '';
			voice: unknown = null;
			rate = 1;
			onend: (() => void) | null = null;
			onerror: (() => void) | null = null;
			constructor(text: string) {
				this.text = text;
			}
		}
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance });
		Object.defineProperty(window, 'speechSynthesis', {
			value: {
				getVoices: () => [voice],
				addEventListener() {},
				cancel() {},
				speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang })
			}
		});
	});
	await speaking.goto(`/elder/places/meal?home=r:1`);
	const first = speaking.locator('ol.places > li').first();
	const name = (await first.locator('h2').textContent())!.trim();
	await first.getByRole('button', { name: `朗读：${name}` }).click();
	await expect(first.getByRole('button', { name: '停止朗读' })).toBeVisible();
	const spoken = await speaking.evaluate(
		() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken
	);
	expect(spoken).toHaveLength(1);
	expect(spoken[0].lang).toBe('zh-CN');
	expect(spoken[0].text).toContain(name);
	expect(spoken[0].text).toMatch(/走路约 \d+ 分钟/);
	expect(spoken[0].text).not.toContain('看其他时间');
	await speaking.context().close();
});
