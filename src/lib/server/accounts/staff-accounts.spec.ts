import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '../db';
import { auditLog, staffScope } from '../db/schema';
import { shengli, useTestDatabase, wuyi, xiongguan } from '../testing/database';
import { addUser, testPassword } from '../testing/accounts';
import { authenticate } from '../auth/login';
import { create, generateSessionToken, validate } from '../auth/session';
import { servesCommunity } from '../auth/scopes';
import * as staffAccounts from './staff-accounts';

beforeEach(async () => {
	await useTestDatabase();
});

const audits = (userId: number) =>
	getDb()
		.select({ action: auditLog.action, detail: auditLog.detail, actor: auditLog.actorUserId })
		.from(auditLog)
		.where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(userId))))
		.orderBy(auditLog.id);

describe('disabling staff accounts', () => {
	it('ends their sessions and logins at once, audited; enabling lets them in again', async () => {
		const admin = await addUser({ role: 'admin' });
		const staff = await addUser({ role: 'staff', scopes: [{ communityCode: shengli }] });
		const token = generateSessionToken();
		await create(getDb(), token, staff.id, null);
		expect(await staffAccounts.setDisabled(getDb(), admin.id, staff.id, true)).toEqual({
			ok: true
		});
		expect((await validate(getDb(), token)).user).toBeNull();
		expect(await authenticate(getDb(), staff.phone, testPassword, '192.0.2.40')).toMatchObject({
			ok: false,
			status: 403,
			reason: 'account_disabled'
		});
		// a wrong password is just wrong
		expect(await authenticate(getDb(), staff.phone, 'nope', '192.0.2.40')).toMatchObject({
			status: 400
		});
		expect(await staffAccounts.setDisabled(getDb(), admin.id, staff.id, false)).toEqual({
			ok: true
		});
		expect(await authenticate(getDb(), staff.phone, testPassword, '192.0.2.40')).toMatchObject({
			ok: true
		});
		expect((await audits(staff.id)).map((row) => [row.action, row.actor])).toEqual([
			['disable', admin.id],
			['enable', admin.id]
		]);
	});

	it('a session created while the account is disabled does not validate', async () => {
		const admin = await addUser({ role: 'admin' });
		const staff = await addUser({ role: 'staff', scopes: [{ communityCode: shengli }] });
		await staffAccounts.setDisabled(getDb(), admin.id, staff.id, true);
		const late = generateSessionToken();
		await create(getDb(), late, staff.id, null);
		expect((await validate(getDb(), late)).user).toBeNull();
	});

	it('refuses one’s own account and residents (404), and writes nothing', async () => {
		const admin = await addUser({ role: 'admin' });
		const resident = await addUser();
		for (const target of [admin.id, resident.id, 999_999])
			expect(await staffAccounts.setDisabled(getDb(), admin.id, target, true)).toMatchObject({
				ok: false,
				status: 404
			});
		expect(await audits(resident.id)).toEqual([]);
	});
});

describe('changing a staff member’s scope', () => {
	it('replaces communities and streets, takes effect at once, audited with before and after', async () => {
		const admin = await addUser({ role: 'admin' });
		const staff = await addUser({ role: 'staff', scopes: [{ communityCode: shengli }] });
		const changed = await staffAccounts.setScope(getDb(), admin.id, staff.id, {
			communityCodes: [wuyi],
			streetCodes: [xiongguan]
		});
		expect(changed).toEqual({ ok: true });
		expect(await servesCommunity(getDb(), staff.id, wuyi)).toBe(true);
		const rows = await getDb().select().from(staffScope).where(eq(staffScope.userId, staff.id));
		expect(rows).toHaveLength(2);
		const [row] = await audits(staff.id);
		expect(row).toMatchObject({
			action: 'scope',
			actor: admin.id,
			detail: { communitiesBefore: shengli, communities: wuyi, streets: xiongguan }
		});
	});

	it('refuses unknown codes and non-staff, and keeps the old scope', async () => {
		const admin = await addUser({ role: 'admin' });
		const staff = await addUser({ role: 'staff', scopes: [{ communityCode: shengli }] });
		const resident = await addUser();
		expect(
			await staffAccounts.setScope(getDb(), admin.id, staff.id, {
				communityCodes: ['999999999999'],
				streetCodes: []
			})
		).toMatchObject({ ok: false, status: 400 });
		expect(
			await staffAccounts.setScope(getDb(), admin.id, resident.id, {
				communityCodes: [wuyi],
				streetCodes: []
			})
		).toMatchObject({ ok: false, status: 404 });
		expect(await servesCommunity(getDb(), staff.id, shengli)).toBe(true);
		expect(await servesCommunity(getDb(), staff.id, wuyi)).toBe(false);
	});
});
