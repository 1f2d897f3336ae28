import { expect, test, type Browser, type Page } from '@playwright/test';
import AxeBuilder from './axe';
import { horizontalOverflow, openPage, screenshot, viewports } from './helpers';
import { randomPhone, registerResident } from '../integration/accounts-helpers';

const password = 'walk-to-the-clinic';

async function logIn(page: Page, phone: string, secret: string, home: RegExp) {
	await page.goto('/login');
	await page.getByLabel('手机号').fill(phone);
	await page.getByLabel('密码').fill(secret);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page).toHaveURL(home);
}

/** Signed in through the JSON login (the form is tested with the new account's own login). */
async function signedIn(page: Page, phone: string, secret: string) {
	const login = await page.request.post('/api/v1/auth/login', {
		data: { phone, password: secret }
	});
	expect(login.status()).toBe(200);
}

/** Staff read the code from the demo outbox page, as they would for a resident at the desk. */
async function codeFromOutbox(browser: Browser, phone: string): Promise<string> {
	const staff = await openPage(browser, 'desktop');
	await signedIn(staff, '13900000011', 'jyg-demo-2026');
	await staff.goto('/staff/outbox');
	const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
	const message = staff.getByTestId('sms').filter({ hasText: masked }).first();
	const body = await message.getByTestId('sms-body').innerText();
	await staff.context().close();
	return /(\d{6})/.exec(body)?.[1] ?? '';
}

async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag22aa'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

test('register, log in, change walking speed, link a family member, log out', async ({
	browser
}) => {
	const page = await openPage(browser, 'desktop');
	const phone = randomPhone();

	await page.goto('/register');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('注册账号');
	await page.getByLabel('姓名').fill('赵晓明');
	await page.getByLabel('手机号').fill(phone);
	await page.getByLabel('设置密码').fill(password);
	// chosen once, even while the page hydrates: the residences come (hydration.e2e.ts)
	await page.getByLabel('所在社区').selectOption({ label: '胜利社区' });
	await expect(page.getByLabel('住的小区（可选）')).toBeVisible();
	await page.getByLabel('出生年份（可选）').fill('1985');
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	await page.getByRole('button', { name: '获取验证码' }).click();
	await expect(page).toHaveURL(/\/register\/verify$/);
	await expect(page.getByText(`${phone.slice(0, 3)}****${phone.slice(7)}`)).toBeVisible();

	await page.getByLabel('验证码').fill(await codeFromOutbox(browser, phone));
	await page.getByRole('button', { name: '完成注册' }).click();
	await expect(page).toHaveURL(/\/map$/);
	await expect(page.getByTestId('account-link')).toContainText('赵晓明');

	// log out and in again with the new account
	await page.goto('/profile');
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/$/);
	await logIn(page, phone, password, /\/map$/);

	// walking speed
	await page.goto('/profile');
	await page.getByLabel('较慢（0.9 米/秒，长辈推荐）').check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	const me = await (await page.request.get('/api/v1/me')).json();
	expect(me.user.walkingSpeed).toBe('slow');

	// family: invite a (freshly registered) elder, who confirms in their own browser
	const elder = await registerResident(randomPhone(), { name: '赵大爷', birthYear: 1945 });
	await elder.client.dispose();
	await page.goto('/profile/family');
	await page.getByLabel('长辈的手机号').fill(elder.phone);
	await page.getByRole('button', { name: '发送邀请' }).click();
	await expect(page.getByRole('status')).toHaveText('邀请已发送，等待对方确认。');
	await expect(page.getByTestId('family-link')).toContainText('待确认');
	// the inviter sees the number typed (masked), not whose it is, until the elder accepts
	await expect(page.getByTestId('family-link')).not.toContainText('赵大爷');

	const elderPage = await openPage(browser, 'phone');
	await signedIn(elderPage, elder.phone, elder.password);
	await elderPage.goto('/profile/family');
	await expect(elderPage.getByTestId('family-link')).toContainText('赵晓明');
	await elderPage.getByRole('button', { name: '确认绑定' }).click();
	await expect(elderPage.getByTestId('family-link')).toContainText('已生效');
	await elderPage.context().close();

	await page.reload();
	await expect(page.getByTestId('family-link')).toContainText('已生效');
	await expect(page.getByTestId('family-link')).toContainText(
		`${elder.phone.slice(0, 3)}****${elder.phone.slice(7)}`
	);
	const linked = await (await page.request.get('/api/v1/me')).json();
	expect(linked.elders).toEqual([{ id: elder.id, name: '赵大爷' }]);

	// log out
	await page.goto('/profile');
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByTestId('account-link')).toHaveText('登录');
	expect((await page.request.get('/api/v1/me')).status()).toBe(401);
	await page.context().close();
});

for (const viewport of Object.keys(viewports) as (keyof typeof viewports)[]) {
	test(`login, register and profile pages fit and pass axe (${viewport})`, async ({ browser }) => {
		const page = await openPage(browser, viewport);
		await page.goto('/login');
		await expect(page.getByRole('heading', { name: '演示账号' })).toBeVisible();
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await expectAccessible(page);
		await screenshot(page, `login-${viewport}`);

		await page.goto('/register');
		await page.getByRole('button', { name: '获取验证码' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(page.getByLabel('手机号')).toHaveAttribute('aria-invalid', 'true');
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await expectAccessible(page);
		await screenshot(page, `register-${viewport}`);

		await page.goto('/login');
		await page.getByRole('listitem').filter({ hasText: '13900000001' }).getByRole('button').click();
		await expect(page).toHaveURL(/\/map$/);
		await page.goto('/profile');
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await expectAccessible(page);
		await screenshot(page, `profile-${viewport}`);
		await page.context().close();
	});
}
