import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, transaction } from '../db';
import { trustedDevice } from '../db/schema';
import { useTestDatabase } from '../testing/database';
import { addUser, freshPhone, testPassword } from '../testing/accounts';
import { lastCodeTo } from '../testing/outbox';
import { authenticate, requestCode } from './login';
import { generateSessionToken, sessionIdOf } from './session';

const address = '192.0.2.10';

beforeEach(async () => {
	await useTestDatabase();
});

async function trust(userId: number): Promise<string> {
	const token = generateSessionToken();
	const later = new Date(Date.now() + 86_400_000);
	await transaction(getDb(), (tx) =>
		tx
			.insert(trustedDevice)
			.values({ id: sessionIdOf(token), userId, lastUsedAt: new Date(), expiresAt: later })
	);
	return token;
}

describe('the per-account login limit', () => {
	it('checks exactly LOGIN_LIMIT_PER_ACCOUNT passwords of a burst, the right one included', async () => {
		const { phone } = await addUser();
		const burst = await Promise.all([
			...Array.from({ length: 9 }, () => authenticate(getDb(), phone, 'wrong-password', address)),
			authenticate(getDb(), phone, testPassword, address)
		]);
		expect(burst.filter((r) => !r.ok && r.status === 400)).toHaveLength(5);
		expect(burst.filter((r) => !r.ok && r.status === 429)).toHaveLength(5);
		expect(burst[9]).toMatchObject({ ok: false, status: 429, reason: 'code_required' });
	});

	it('answers an unknown number past the limit exactly like a known one', async () => {
		const { phone } = await addUser();
		const nobody = freshPhone();
		for (let i = 0; i < 5; i++) {
			await authenticate(getDb(), phone, 'wrong-password', address);
			await authenticate(getDb(), nobody, 'wrong-password', address);
		}
		const known = await authenticate(getDb(), phone, testPassword, address);
		const unknown = await authenticate(getDb(), nobody, testPassword, address);
		expect({ ...unknown, retryAfterS: 0 }).toEqual({ ...known, retryAfterS: 0 });
	});
});

describe('past the limit', () => {
	it('the password and a texted code sign in; the code needs its ticket and works once', async () => {
		const { id, phone } = await addUser();
		for (let i = 0; i < 5; i++) await authenticate(getDb(), phone, 'wrong-password', address);
		const sent = await requestCode(getDb(), phone, address);
		if (!sent.ok) throw new Error(sent.message);
		const code = await lastCodeTo(phone);
		expect(await authenticate(getDb(), phone, testPassword, address, { code })).toMatchObject({
			ok: false,
			status: 400
		});
		const proof = { code, ticket: sent.ticket };
		expect(await authenticate(getDb(), phone, 'wrong-password', address, proof)).toMatchObject({
			status: 400
		});
		expect(await authenticate(getDb(), phone, testPassword, address, proof)).toMatchObject({
			ok: true,
			userId: id
		});
		expect(await authenticate(getDb(), phone, testPassword, address, proof)).toMatchObject({
			ok: false
		});
	});

	it('a trusted device of the account signs in with the password; another account’s does not', async () => {
		const { id, phone } = await addUser();
		const other = await addUser();
		for (let i = 0; i < 5; i++) await authenticate(getDb(), phone, 'wrong-password', address);
		const borrowed = { deviceToken: await trust(other.id) };
		expect(await authenticate(getDb(), phone, testPassword, address, borrowed)).toMatchObject({
			reason: 'code_required'
		});
		const own = { deviceToken: await trust(id) };
		expect(await authenticate(getDb(), phone, testPassword, address, own)).toMatchObject({
			ok: true
		});
	});

	it('asking for a code for a number without an account answers the same and texts nothing', async () => {
		const nobody = freshPhone();
		const answer = await requestCode(getDb(), nobody, address);
		expect(answer).toMatchObject({
			ok: true,
			phoneMasked: `${nobody.slice(0, 3)}****${nobody.slice(7)}`
		});
		expect(await lastCodeTo(nobody)).toBe('');
	});
});
