import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../db';
import { trustedDevice, verificationCode } from '../db/schema';
import { codeKeptMs, codeLifetimeMs, prune } from '../auth/codes';
import { useTestDatabase } from '../testing/database';
import { addUser, testPassword } from '../testing/accounts';
import { lastCodeTo } from '../testing/outbox';
import { authenticate, authenticateByCode, requestCode } from '../auth/login';
import { create, generateSessionToken, validate } from '../auth/session';
import * as passwords from './passwords';

const address = '192.0.2.30';

beforeEach(async () => {
	await useTestDatabase();
});

async function sessionsOf(userId: number, count: number) {
	const tokens = Array.from({ length: count }, () => generateSessionToken());
	for (const [i, token] of tokens.entries())
		await create(getDb(), token, userId, null, Date.now(), i === 0 ? 'cookie' : 'bearer');
	return tokens;
}

async function codeFor(phone: string, purpose: 'login' | 'reset') {
	const asked = await requestCode(getDb(), phone, address, purpose);
	if (!asked.ok) throw new Error('no code');
	return { ticket: asked.ticket, code: await lastCodeTo(phone) };
}

describe('短信验证码登录', () => {
	it('signs in with the code and its ticket, once; a reset code is no login code', async () => {
		const { id, phone } = await addUser({
			role: 'staff',
			scopes: [{ communityCode: '620201001002' }]
		});
		const reset = await codeFor(phone, 'reset');
		expect(await authenticateByCode(getDb(), { phone, ...reset }, address)).toMatchObject({
			ok: false,
			status: 400
		});
		const login = await codeFor(phone, 'login');
		expect(await authenticateByCode(getDb(), { phone, ...login }, address)).toMatchObject({
			ok: true,
			userId: id
		});
		expect(await authenticateByCode(getDb(), { phone, ...login }, address)).toMatchObject({
			ok: false
		});
	});

	it('a burst of guesses on one ticket gets exactly five tries', async () => {
		const { phone } = await addUser();
		const { ticket, code } = await codeFor(phone, 'login');
		const wrong = code === '000000' ? '000001' : '000000';
		const burst = await Promise.all(
			Array.from({ length: 10 }, () =>
				authenticateByCode(getDb(), { phone, code: wrong, ticket }, address)
			)
		);
		const messages = burst.map((r) => (r.ok ? 'ok' : r.message));
		expect(messages.filter((text) => text.includes('不正确'))).toHaveLength(5);
		expect(await authenticateByCode(getDb(), { phone, code, ticket }, address)).toMatchObject({
			ok: false
		});
	});
});

describe('password reset and change', () => {
	it('a reset sets the password and ends every session; the code works once, even at once', async () => {
		const { id, phone } = await addUser();
		const tokens = await sessionsOf(id, 3);
		const { ticket, code } = await codeFor(phone, 'reset');
		const input = { phone, code, ticket, password: 'a-brand-new-walk' };
		const both = await Promise.all([
			passwords.resetByCode(getDb(), input, address),
			passwords.resetByCode(getDb(), { ...input, password: 'another-new-walk' }, address)
		]);
		expect(both.filter((r) => r.ok)).toHaveLength(1);
		for (const token of tokens) expect((await validate(getDb(), token)).user).toBeNull();
		const winner = both[0].ok ? 'a-brand-new-walk' : 'another-new-walk';
		expect(await authenticate(getDb(), phone, winner, address)).toMatchObject({ ok: true });
		expect(await authenticate(getDb(), phone, testPassword, address)).toMatchObject({ ok: false });
	});

	it('a change keeps the session in hand and ends the others (tokens and devices too)', async () => {
		const { id, phone } = await addUser();
		const [here, ...others] = await sessionsOf(id, 3);
		const hereId = (await validate(getDb(), here)).session!.id;
		const wrong = await passwords.change(
			getDb(),
			{ id, phone },
			{ currentPassword: 'not it', password: 'a-brand-new-walk' },
			{ sessionId: hereId, deviceId: null }
		);
		expect(wrong).toMatchObject({
			ok: false,
			status: 400,
			errors: { currentPassword: expect.any(String) }
		});
		const done = await passwords.change(
			getDb(),
			{ id, phone },
			{ currentPassword: testPassword, password: 'a-brand-new-walk' },
			{ sessionId: hereId, deviceId: null }
		);
		expect(done).toEqual({ ok: true });
		expect((await validate(getDb(), here)).user?.id).toBe(id);
		for (const token of others) {
			expect((await validate(getDb(), token)).user).toBeNull();
			expect((await validate(getDb(), token, Date.now(), 'bearer')).user).toBeNull();
		}
		expect(await getDb().select().from(trustedDevice).where(eq(trustedDevice.userId, id))).toEqual(
			[]
		);
	});

	it('guessing the current password is limited per account', async () => {
		const { id, phone } = await addUser();
		const tries = await Promise.all(
			Array.from({ length: 8 }, () =>
				passwords.change(
					getDb(),
					{ id, phone },
					{ currentPassword: 'guess', password: 'a-brand-new-walk' },
					{ sessionId: null, deviceId: null }
				)
			)
		);
		expect(tries.filter((r) => !r.ok && r.status === 429)).toHaveLength(3);
	});
});

describe('keeping codes', () => {
	it('removes a code’s row (and an unfinished registration’s details) a day after it expired', async () => {
		const { phone } = await addUser();
		await requestCode(getDb(), phone, address);
		const count = async () =>
			(await getDb().select().from(verificationCode).where(eq(verificationCode.phone, phone)))
				.length;
		expect(await count()).toBe(1);
		await prune(getDb(), Date.now() + codeLifetimeMs + codeKeptMs - 60_000);
		expect(await count()).toBe(1);
		await prune(getDb(), Date.now() + codeLifetimeMs + codeKeptMs + 60_000);
		expect(await count()).toBe(0);
	});
});
