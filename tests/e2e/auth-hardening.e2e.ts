/**
 * The pages of issue 14's fixes in Chromium: a locked account signs in with its password and a
 * texted code (finding 11), and staff confirm a family link at the desk with the code the elder
 * was texted (finding 7). Both at phone width, with axe.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from './axe';
import { horizontalOverflow, openPage, screenshot } from './helpers';
import {
	lastCodeTo,
	newClient,
	randomPhone,
	registerResident
} from '../integration/accounts-helpers';

async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag22aa'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

test('a locked account: the login page asks for a texted code, and password + code sign in', async ({
	browser
}) => {
	const { phone, password } = await registerResident(randomPhone());
	const attacker = await newClient();
	for (let i = 0; i < 5; i++) {
		await attacker.post('/api/v1/auth/login', { data: { phone, password: 'not-my-password' } });
	}
	await attacker.dispose();

	const page = await openPage(browser, 'phone');
	await page.goto('/login');
	await page.getByLabel('手机号').fill(phone);
	await page.getByLabel('密码', { exact: true }).fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('验证码');
	await page.getByRole('button', { name: '发送验证码' }).click();
	await expect(page.getByRole('status')).toContainText(`${phone.slice(0, 3)}****${phone.slice(7)}`);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await expectAccessible(page);
	await screenshot(page, 'login-code-phone');

	await expect.poll(() => lastCodeTo(phone)).toMatch(/^\d{6}$/);
	await page.getByLabel('短信验证码').fill(await lastCodeTo(phone));
	await page.getByLabel('密码', { exact: true }).fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	// a resident lands on the map (issue 13: the person's home)
	await expect(page).toHaveURL(/\/map$/);
	await page.context().close();
});

test('staff confirm a family link at the desk with the code texted to the elder', async ({
	browser
}) => {
	const elder = await registerResident(randomPhone(), { name: '柜台长辈丙' });
	const carer = await registerResident(randomPhone(), { name: '柜台子女' });
	expect(
		(await carer.client.post('/profile/family?/invite', { form: { phone: elder.phone } })).status()
	).toBe(200);

	const page = await openPage(browser, 'phone');
	await page.goto('/login');
	await page.getByLabel('手机号').fill('13900000011');
	await page.getByLabel('密码', { exact: true }).fill('jyg-demo-2026');
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page).toHaveURL(/\/staff$/);
	await page.goto(`/staff/family-links?phone=${elder.phone}`);
	const card = page.getByTestId('desk-link').filter({ hasText: '柜台子女' });
	// confirming without the elder's code is refused
	await card.getByRole('button', { name: '核对无误，确认绑定' }).click();
	await expect(page.getByTestId('desk-link').first()).toContainText('请先给长辈发送验证码');
	await card.getByRole('button', { name: '给长辈发送验证码' }).click();
	await expect(page.getByRole('status')).toContainText('验证码已发送到长辈的手机');
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await expectAccessible(page);
	await screenshot(page, 'desk-family-code-phone');

	await card.getByLabel('长辈收到的验证码').fill(await lastCodeTo(elder.phone));
	await card.getByRole('button', { name: '核对无误，确认绑定' }).click();
	await expect(page.getByRole('status')).toHaveText('已确认绑定。');
	await page.context().close();
	// the carer now sees the elder's name
	expect(await (await carer.client.get('/profile/family')).text()).toContain('柜台长辈丙');
	await Promise.all([elder.client.dispose(), carer.client.dispose()]);
});
