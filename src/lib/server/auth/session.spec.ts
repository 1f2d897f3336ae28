import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, transaction } from '../db';
import { useTestDatabase } from '../testing/database';
import { addUser } from '../testing/accounts';
import {
	cookieOptions,
	create,
	generateSessionToken,
	handleOf,
	invalidate,
	invalidateAll,
	invalidateByHandle,
	invalidateOthers,
	isSecure,
	listForUser,
	sessionIdOf,
	sessionLifetimeMs,
	validate
} from './session';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.parse('2026-03-01T00:00:00Z');

beforeEach(async () => {
	await useTestDatabase();
});

describe('sessions', () => {
	it('stores only the SHA-256 of the token, never the token', async () => {
		const { id } = await addUser();
		const token = generateSessionToken();
		const row = await create(getDb(), token, id, null, t0);
		expect(row.id).toBe(sessionIdOf(token));
		expect(row.id).not.toContain(token);
		expect(row.id).toMatch(/^[0-9a-f]{64}$/);
	});

	it('validates a fresh session and expires it after 30 days unused', async () => {
		const { id } = await addUser();
		const token = generateSessionToken();
		await create(getDb(), token, id, null, t0);
		expect((await validate(getDb(), token, t0 + day)).user?.id).toBe(id);
		expect((await validate(getDb(), token, t0 + sessionLifetimeMs + 1)).user).toBeNull();
	});

	it('slides: a session used in its last 15 days is extended to a full 30 again', async () => {
		const { id } = await addUser();
		const token = generateSessionToken();
		await create(getDb(), token, id, null, t0);
		// used early: unchanged
		expect((await validate(getDb(), token, t0 + 5 * day)).session?.expiresAt.getTime()).toBe(
			t0 + sessionLifetimeMs
		);
		// used on day 20: renewed to day 50
		const renewed = (await validate(getDb(), token, t0 + 20 * day)).session;
		expect(renewed?.expiresAt.getTime()).toBe(t0 + 20 * day + sessionLifetimeMs);
		// so it still works on day 45, past the original expiry
		expect((await validate(getDb(), token, t0 + 45 * day)).user?.id).toBe(id);
	});

	it('says when the expiry slid, so the cookie is rewritten only then', async () => {
		const { id } = await addUser();
		const token = generateSessionToken();
		await create(getDb(), token, id, null, t0);
		expect((await validate(getDb(), token, t0 + 5 * day)).renewed).toBe(false);
		expect((await validate(getDb(), token, t0 + 20 * day)).renewed).toBe(true);
		// the renewal was stored: the next request on the same day keeps the cookie as it is
		expect((await validate(getDb(), token, t0 + 20 * day + 60_000)).renewed).toBe(false);
		expect((await validate(getDb(), 'x'.repeat(32))).renewed).toBe(false);
	});

	it('rejects tokens of the wrong shape without a lookup', async () => {
		expect((await validate(getDb(), '')).user).toBeNull();
		expect((await validate(getDb(), "' or 1=1 --")).user).toBeNull();
		expect((await validate(getDb(), 'A'.repeat(32))).user).toBeNull();
	});

	it('logout invalidates: the same (stolen) token is useless afterwards', async () => {
		const { id } = await addUser();
		const token = generateSessionToken();
		await create(getDb(), token, id, null, t0);
		await invalidate(getDb(), sessionIdOf(token));
		expect((await validate(getDb(), token, t0 + 1)).user).toBeNull();
	});

	it('logout everywhere ends every session of that person only', async () => {
		const me = await addUser();
		const other = await addUser();
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		await create(getDb(), a, me.id, null, t0);
		await create(getDb(), b, me.id, null, t0);
		await create(getDb(), c, other.id, null, t0);
		await invalidateAll(getDb(), me.id);
		expect((await validate(getDb(), a, t0)).user).toBeNull();
		expect((await validate(getDb(), b, t0)).user).toBeNull();
		expect((await validate(getDb(), c, t0)).user?.id).toBe(other.id);
	});

	it('ends other sessions but keeps the current one, and ends one by its handle', async () => {
		const me = await addUser();
		const other = await addUser();
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		await create(getDb(), a, me.id, null);
		await create(getDb(), b, me.id, null);
		await create(getDb(), c, other.id, null);
		await invalidateOthers(getDb(), me.id, sessionIdOf(a));
		expect((await validate(getDb(), a)).user?.id).toBe(me.id);
		expect((await validate(getDb(), b)).user).toBeNull();
		// another person's handle does nothing to my sessions, mine does
		expect(await invalidateByHandle(getDb(), me.id, handleOf(sessionIdOf(c)))).toBe(false);
		expect((await validate(getDb(), c)).user?.id).toBe(other.id);
		expect(await listForUser(getDb(), me.id)).toHaveLength(1);
		expect(await invalidateByHandle(getDb(), me.id, handleOf(sessionIdOf(a)))).toBe(true);
		expect((await validate(getDb(), a)).user).toBeNull();
	});

	it('does not sign in a deleted account', async () => {
		const { id } = await addUser();
		const token = generateSessionToken();
		await create(getDb(), token, id, null);
		const { user } = await import('../db/schema');
		await transaction(getDb(), (tx) => tx.update(user).set({ deletedAt: new Date() }));
		expect((await validate(getDb(), token)).user).toBeNull();
	});
});

describe('the session cookie', () => {
	it('is httpOnly and SameSite=Lax, Secure exactly when the site is served over HTTPS', async () => {
		expect(cookieOptions(false)).toEqual({
			httpOnly: true,
			sameSite: 'lax',
			secure: false,
			path: '/'
		});
		expect(cookieOptions(true).secure).toBe(true);
		expect(isSecure(new URL('https://shq.example.cn/login'))).toBe(true);
		expect(isSecure(new URL('http://localhost:3000/login'))).toBe(false);
	});
});
