import { expect, test, type Browser } from '@playwright/test';
import AxeBuilder from './axe';
import { horizontalOverflow, screenshot, screenshotsOn } from './helpers';
import { eq } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { lastCodeTo, randomPhone, registerResident } from '../integration/accounts-helpers';

/**
 * Issue 20: 短信验证码登录 and the consent box of registration, in a browser at a phone's and a
 * desktop's size: they fit, pass axe, and the code login lands at home.
 */
const sizes = {
	phone: { width: 375, height: 667 },
	desktop: { width: 1280, height: 800 }
} as const;

async function openPage(browser: Browser, viewport: keyof typeof sizes) {
	const context = await browser.newContext({
		viewport: sizes[viewport],
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		deviceScaleFactor: viewport === 'phone' ? 2 : 1
	});
	return context.newPage();
}

for (const viewport of Object.keys(sizes) as (keyof typeof sizes)[]) {
	test(`login by texted code and registration consent (${viewport})`, async ({ browser }) => {
		const { phone, id } = await registerResident(randomPhone());
		// an account from before the privacy notice: asked once, at the first page after signing in
		await withServerDb((db) =>
			transaction(db, async (tx) => {
				await tx
					.update(schema.user)
					.set({ privacyNoticeVersion: null, privacyConsentedAt: null })
					.where(eq(schema.user.id, id));
			})
		);
		const page = await openPage(browser, viewport);
		await page.goto('/login');
		await page.getByRole('link', { name: '验证码登录' }).click();
		await expect(page).toHaveURL(/by=code/);
		await expect(page.getByRole('link', { name: '验证码登录' })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await page.getByLabel('手机号').fill(phone);
		await page.getByRole('button', { name: '发送验证码' }).click();
		await expect(page.getByText('验证码已发送')).toBeVisible();
		// still the code form (its own hint and a "send again"), not the password form
		await expect(page.getByTestId('code-login')).toBeVisible();
		await expect(page.getByRole('button', { name: '重新发送验证码' })).toBeVisible();
		await page.getByLabel('验证码').fill(await lastCodeTo(phone));
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		const axe = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag22aa'])
			.analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
		await screenshot(page, `login-code-${viewport}`);
		await page.getByRole('button', { name: '登录', exact: true }).click();
		await expect(page).toHaveURL(/\/privacy\/consent\?next=%2Fmap$/);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, `privacy-consent-${viewport}`);
		await page.getByRole('button', { name: '同意并继续' }).click();
		await expect(page).toHaveURL(/\/map$/);
		await page.context().close();

		// registration: the box is not ticked for the person; sending without it says why
		const visitor = await openPage(browser, viewport);
		await visitor.goto('/register');
		const consent = visitor.getByRole('checkbox', { name: /我已阅读并同意/ });
		await expect(consent).not.toBeChecked();
		await expect(visitor.getByRole('link', { name: '个人信息保护说明' }).first()).toBeVisible();
		await visitor.getByLabel('姓名').fill('同意测试');
		await visitor.getByLabel('手机号').fill(randomPhone());
		await visitor.getByLabel('设置密码').fill('walk-to-the-clinic');
		// choosing the community loads its residences (a navigation, even for a choice made while the
		// page hydrated: hydration.e2e.ts): wait for it before sending
		await visitor.getByLabel('所在社区').selectOption({ label: '胜利社区' });
		await expect(visitor.getByLabel('住的小区（可选）')).toBeVisible();
		await visitor.getByRole('button', { name: '获取验证码' }).click();
		await expect(visitor.getByText('请阅读并勾选同意')).toBeVisible();
		await expect(visitor.getByRole('checkbox', { name: /我已阅读并同意/ })).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		expect(await horizontalOverflow(visitor)).toBeLessThanOrEqual(0);
		const axe2 = await new AxeBuilder({ page: visitor })
			.withTags(['wcag2a', 'wcag2aa', 'wcag22aa'])
			.analyze();
		expect(axe2.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
		await visitor.getByRole('checkbox', { name: /我已阅读并同意/ }).scrollIntoViewIfNeeded();
		await screenshot(visitor, `register-consent-${viewport}`);
		// the notice itself is read by integration tests; here only its picture
		if (screenshotsOn) {
			await visitor.goto('/privacy');
			await screenshot(visitor, `privacy-${viewport}`);
		}
		await visitor.context().close();
	});
}

test('an administrator disables a staff account and changes its scope on /admin/accounts', async ({
	browser
}) => {
	const page = await openPage(browser, 'desktop');
	await page.goto('/login');
	await page.getByRole('listitem').filter({ hasText: '13900000099' }).getByRole('button').click();
	await expect(page).toHaveURL(/\/admin$/);
	const phone = randomPhone();
	const created = await page.request.post('/admin/accounts?/create', {
		headers: { origin: new URL(page.url()).origin },
		form: {
			name: '浏览器停用测试',
			phone,
			password: 'community-work-2026',
			role: 'staff',
			communityCodes: '620201001002'
		}
	});
	expect(created.status()).toBe(200);
	await page.goto('/admin/accounts');
	const card = page.getByTestId('account').filter({ hasText: '浏览器停用测试' });
	await card.getByRole('button', { name: '停用账号' }).click();
	await expect(card.getByText('账号已停用')).toBeVisible();
	await expect(card.getByRole('button', { name: '恢复启用' })).toBeVisible();
	await card.getByText('修改服务范围').click();
	await card.getByLabel('服务整个街道/镇').selectOption({ label: '雄关街道' });
	await card.getByRole('button', { name: '保存服务范围' }).click();
	await expect(card.getByText('服务范围已更新')).toBeVisible();
	await expect(card.locator('p.muted')).toContainText('雄关街道');
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag22aa']).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
	await card.scrollIntoViewIfNeeded();
	await screenshot(page, 'admin-accounts-desktop');
	await page.context().close();
});
