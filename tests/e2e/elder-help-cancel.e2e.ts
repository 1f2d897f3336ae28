import { expect, test } from '@playwright/test';
import { and, desc, eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { elderPage, elderPhone, expectElderRules } from './elder-checks';
import { screenshot } from './helpers';

// 长辈版 取消求助: the demo elder asks for 陪同就医 (the tile, the item, the time), then changes their
// mind: "不需要了，取消求助" on their list, one question on its own screen ("确定取消" / "不取消，返回"),
// the answer in the second person; the request is cancelled in the database and gone from the list.
// Every new screen keeps the 长辈版 rules (24 px text, 60 px targets, axe with 7:1 contrast).

const small = { width: 375, height: 667 };

test('an elder withdraws their own help request through one confirmation screen', async ({
	browser
}) => {
	const elder = await elderPage(browser, small, elderPhone);
	await elder.goto('/elder/help');
	await elder.getByTestId('elder-help-items').getByRole('link', { name: '陪同就医' }).click();
	await elder.getByTestId('elder-help-time').filter({ hasText: '明天上午' }).click();
	await expect(elder.getByTestId('elder-help-done')).toContainText('已发出求助');

	const asked = await withServerDb(async (db) => {
		const [row] = await db
			.select({ id: schema.helpRequest.id, status: schema.helpRequest.status })
			.from(schema.helpRequest)
			.innerJoin(schema.user, eq(schema.user.id, schema.helpRequest.elderUserId))
			.where(and(eq(schema.user.phone, elderPhone), eq(schema.helpRequest.item, 'medical_escort')))
			.orderBy(desc(schema.helpRequest.id))
			.limit(1);
		return row;
	});
	expect(['offered', 'escalated']).toContain(asked.status);

	// on the list: the big button for this request
	await elder.goto('/elder/help');
	const withdraw = elder.locator(`a[href="/elder/help?cancel=${asked.id}"]`);
	await expect(withdraw).toHaveText('不需要了，取消求助');
	await expectElderRules(elder);
	await withdraw.scrollIntoViewIfNeeded();
	await screenshot(elder, 'elder-help-cancel-list-375');
	await withdraw.click();

	// one question on its own screen
	await expect(elder).toHaveURL(new RegExp(`/elder/help\\?cancel=${asked.id}$`));
	await expect(elder.getByRole('heading', { level: 1 })).toHaveText('确定不要这次帮忙了吗？');
	await expect(elder.getByTestId('elder-help-cancel-target')).toContainText('陪同就医');
	await expect(elder.getByText('还没有志愿者接下这次求助。')).toBeVisible();
	await expect(elder.getByTestId('elder-help-cancel-keep')).toHaveText('不取消，返回');
	await expectElderRules(elder);
	await screenshot(elder, 'elder-help-cancel-ask-375');

	// "不取消，返回" changes nothing
	await elder.getByTestId('elder-help-cancel-keep').click();
	await expect(elder).toHaveURL(/\/elder\/help$/);
	await expect(withdraw).toBeVisible();
	await withdraw.click();

	await elder.getByTestId('elder-help-cancel-confirm').click();
	const said = elder.getByTestId('elder-help-cancelled');
	await expect(said).toContainText('您已取消');
	await expect(said).toContainText('“陪同就医”的求助');
	await expect(said).toContainText('还没有志愿者接下，不用再通知谁');
	await expect(elder.getByRole('heading', { level: 1 })).toHaveText('已经取消了');
	await expectElderRules(elder);
	await screenshot(elder, 'elder-help-cancelled-375');

	const after = await withServerDb(async (db) => {
		const [row] = await db
			.select({ status: schema.helpRequest.status, cancelledAt: schema.helpRequest.cancelledAt })
			.from(schema.helpRequest)
			.where(eq(schema.helpRequest.id, asked.id))
			.limit(1);
		return row;
	});
	expect(after.status).toBe('cancelled');
	expect(after.cancelledAt).not.toBeNull();

	// gone from the elder's list
	await elder.getByRole('link', { name: '我的求助' }).click();
	await expect(elder).toHaveURL(/\/elder\/help$/);
	await expect(elder.getByTestId('elder-help-items')).toBeVisible();
	await expect(withdraw).toHaveCount(0);
	await elder.context().close();
});

test('without JavaScript the withdrawal works the same', async ({ browser }) => {
	const context = await browser.newContext({
		viewport: small,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		javaScriptEnabled: false
	});
	const login = await context.request.post('/api/v1/auth/login', {
		data: { phone: elderPhone, password: 'jyg-demo-2026' }
	});
	expect(login.status()).toBe(200);
	const elder = await context.newPage();
	await elder.goto('/elder/help?item=reading_chat');
	await elder.getByTestId('elder-help-time').filter({ hasText: '明天下午' }).click();
	// offered to volunteers, or passed to the community when nobody fits: either way it was asked
	await expect(elder.getByTestId('elder-help-done')).toBeVisible();
	const id = await withServerDb(async (db) => {
		const [row] = await db
			.select({ id: schema.helpRequest.id })
			.from(schema.helpRequest)
			.innerJoin(schema.user, eq(schema.user.id, schema.helpRequest.elderUserId))
			.where(and(eq(schema.user.phone, elderPhone), eq(schema.helpRequest.item, 'reading_chat')))
			.orderBy(desc(schema.helpRequest.id))
			.limit(1);
		return row.id;
	});
	await elder.goto('/elder/help');
	await elder.locator(`a[href="/elder/help?cancel=${id}"]`).click();
	await elder.getByTestId('elder-help-cancel-confirm').click();
	await expect(elder.getByTestId('elder-help-cancelled')).toContainText('您已取消');
	const [row] = await withServerDb((db) =>
		db
			.select({ status: schema.helpRequest.status })
			.from(schema.helpRequest)
			.where(eq(schema.helpRequest.id, id))
			.limit(1)
	);
	expect(row.status).toBe('cancelled');
	await context.close();
});
