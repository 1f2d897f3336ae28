import { expect, test } from '@playwright/test';
import { elderPage, expectElderRules, elderPhone, shengli } from './elder-checks';
import { horizontalOverflow, screenshot } from './helpers';

/**
 * 通知公告 in the browser: 胜利社区's staff publish one with the enhanced form; it is on the
 * community's page, the resident's home page, and the 长辈版 home in large text with 朗读 (the
 * measured 长辈版 rules hold with it there); markup in it stays text.
 */

const title = `<i>社区停水</i> ${Date.now() % 100000}`;

test('staff publish a notice; residents and elders see it as plain text', async ({ browser }) => {
	const staff = await elderPage(browser, 'phone', '13900000011');
	await staff.goto('/staff/notices');
	await staff.getByLabel('发布范围').selectOption(`community:${shengli}`);
	await staff.getByLabel('标题').fill(title);
	await staff.getByLabel('正文（纯文本）').fill('明日上午停水。\n请提前储水。<b>谢谢</b>');
	await staff.getByRole('checkbox', { name: '置顶' }).check();
	await staff.getByRole('button', { name: '发布' }).click();
	await expect(staff.getByRole('status')).toHaveText('公告已发布。');
	await expect(staff.getByTestId('staff-notices')).toContainText(title);
	expect(await horizontalOverflow(staff)).toBeLessThanOrEqual(0);
	await screenshot(staff, 'notices-staff-phone');

	const community = await elderPage(browser, 'desktop');
	await community.goto(`/communities/${shengli}`);
	const first = community.getByTestId('notice-title').first();
	await expect(first).toHaveText(title);
	await expect(community.locator('i', { hasText: '社区停水' })).toHaveCount(0);
	await screenshot(community, 'notices-community-desktop');

	const resident = await elderPage(browser, 'phone', '13900000001');
	await resident.goto('/');
	await expect(resident.getByTestId('notice-title').first()).toHaveText(title);
	await resident.goto('/notifications');
	await expect(resident.getByRole('link', { name: '查看公告' }).first()).toBeVisible();
	await resident.getByRole('link', { name: '查看公告' }).first().click();
	await expect(resident.getByRole('heading', { level: 1 })).toHaveText('胜利社区通知公告');
	await expect(resident.getByTestId('notice-body').first()).toHaveText(
		'明日上午停水。\n请提前储水。<b>谢谢</b>'
	);
	await screenshot(resident, 'notices-resident-phone');

	const elder = await elderPage(browser, 'phone', elderPhone);
	await elder.goto('/elder');
	const notice = elder.getByTestId('notice-list').locator('li').first();
	await expect(notice.getByTestId('notice-title')).toHaveText(title);
	await expect(notice.getByRole('button', { name: /朗读/ })).toBeVisible();
	await expectElderRules(elder);
	await screenshot(elder, 'notices-elder-phone');
});
