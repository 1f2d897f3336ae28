/**
 * Issue 20, items 1 and 3: bearer tokens for app and mini-program clients (same sessions, listed
 * and revocable on /profile/sessions), and administrators disabling staff accounts and changing
 * their scope (audited) — with the attacks: a revoked or expired token, another person's token,
 * a forged origin, a disabled account's session still in hand.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, desc, eq, ne } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';
import {
	baseURL,
	demoPassword,
	expectApiRefusal,
	newClient,
	randomPhone,
	registerResident,
	signedInClient
} from './accounts-helpers';

const shengli = '620201001002';

async function tokenFor(phone: string, password: string) {
	const app = await newClient();
	const response = await app.post('/api/v1/auth/login', { data: { phone, password, token: true } });
	expect(response.status()).toBe(200);
	const body = await response.json();
	await app.dispose();
	return { body, headers: response.headers(), token: body.token as string };
}

/** A request with only the bearer token (no cookie jar), from any origin. */
const withToken = (token: string, path: string, init: RequestInit = {}) =>
	fetch(`${baseURL}${path}`, {
		...init,
		headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) }
	});

test('login with "token": true returns a bearer token (no cookie) that /api/v1 accepts', async () => {
	const { phone, password, id } = await registerResident(randomPhone());
	const { body, headers, token } = await tokenFor(phone, password);
	expect(token).toMatch(/^[a-z2-7]{32}$/);
	expect(body.tokenType).toBe('Bearer');
	expect(body.user.id).toBe(id);
	// same expiry as a browser session: 30 days
	const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
	expect(days).toBeGreaterThan(29.9);
	expect(days).toBeLessThanOrEqual(30);
	expect(headers['set-cookie'] ?? '').not.toContain('session=');
	// only its hash is stored, in the session table, as a bearer session
	const rows = await withServerDb((db) =>
		db.select().from(schema.session).where(eq(schema.session.userId, id))
	);
	const bearer = rows.filter((row) => row.kind === 'bearer');
	expect(bearer).toHaveLength(1);
	expect(JSON.stringify(rows)).not.toContain(token);

	const mine = await withToken(token, '/api/v1/me');
	expect(mine.status).toBe(200);
	expect((await mine.json()).user.phone).toBe(phone);
	// a write from an app, with no Origin or another one, is no cross-site request
	const need = await withToken(token, '/api/v1/bookings', {
		method: 'GET',
		headers: { origin: 'https://servicewechat.com' }
	});
	expect(need.status).toBe(200);
	// the token is no cookie
	const asCookie = await fetch(`${baseURL}/api/v1/me`, { headers: { cookie: `session=${token}` } });
	expect(asCookie.status).toBe(401);
	// logout with the token ends that token
	expect((await withToken(token, '/api/v1/auth/logout', { method: 'POST' })).status).toBe(204);
	expect((await withToken(token, '/api/v1/me')).status).toBe(401);
});

test('tokens are listed on /profile/sessions and revoked there; revoked, expired, unknown → 401', async () => {
	const { client: browser, phone, password, id } = await registerResident(randomPhone());
	const { token } = await tokenFor(phone, password);
	const page = await (await browser.get('/profile/sessions')).text();
	expect(page).toContain('应用令牌');
	const handles = [...page.matchAll(/name="handle" value="([0-9a-f]{16})"/g)].map((m) => m[1]);
	expect(handles).toHaveLength(1);
	const ended = await browser.post('/profile/sessions?/end', { form: { handle: handles[0] } });
	expect(ended.status()).toBe(200);
	const revoked = await withToken(token, '/api/v1/me');
	expect(revoked.status).toBe(401);
	expect((await revoked.json()).error.code).toBe('token_invalid');
	// even where anonymous callers are welcome, a bad token is refused, not ignored
	const publicRoute = await withToken(token, '/api/v1/notices?community=' + shengli);
	expect(publicRoute.status).toBe(401);
	expect((await withToken('not-a-token', '/api/v1/me')).status).toBe(401);
	const empty = await fetch(`${baseURL}/api/v1/me`, { headers: { authorization: 'Bearer ' } });
	expect(empty.status).toBe(401);

	// an expired token
	const { token: second } = await tokenFor(phone, password);
	expect((await withToken(second, '/api/v1/me')).status).toBe(200);
	await withServerDb((db) =>
		transaction(db, async (tx) => {
			await tx
				.update(schema.session)
				.set({ expiresAt: new Date(Date.now() - 1000) })
				.where(and(eq(schema.session.userId, id), eq(schema.session.kind, 'bearer')));
		})
	);
	const expired = await withToken(second, '/api/v1/me');
	expect(expired.status).toBe(401);
	const body = await expired.json();
	expect(body.error.code).toBe('token_invalid');
	expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
	await browser.dispose();
});

test('attack: another person’s token acts as that person only; a cookie beside it is ignored', async () => {
	const a = await registerResident(randomPhone());
	const b = await registerResident(randomPhone());
	const { token: tokenA } = await tokenFor(a.phone, a.password);
	const booked = await b.client.get('/api/v1/bookings');
	expect(booked.status()).toBe(200);
	// A's token with B's cookie: the token decides, and it is A
	const mixed = await fetch(`${baseURL}/api/v1/me`, {
		headers: {
			authorization: `Bearer ${tokenA}`,
			cookie: (await b.client.storageState()).cookies
				.filter((c) => c.name === 'session')
				.map((c) => `session=${c.value}`)
				.join('; ')
		}
	});
	expect((await mixed.json()).user.id).toBe(a.id);
	// B's sessions list shows nothing of A's token, and B cannot end it
	const bPage = await (await b.client.get('/profile/sessions')).text();
	expect(bPage).not.toContain('应用令牌');
	const [row] = await withServerDb((db) =>
		db
			.select({ id: schema.session.id })
			.from(schema.session)
			.where(and(eq(schema.session.userId, a.id), eq(schema.session.kind, 'bearer')))
	);
	const { handleOf } = await import('../../src/lib/server/auth/session');
	const foreign = await b.client.post('/profile/sessions?/end', {
		form: { handle: handleOf(row.id) }
	});
	expect(foreign.status()).toBe(404);
	expect((await withToken(tokenA, '/api/v1/me')).status).toBe(200);
	await Promise.all([a.client.dispose(), b.client.dispose()]);
});

test('a cookie write to the API from another site’s page is refused; the same with a token is not', async () => {
	const { client, phone, password } = await registerResident(randomPhone());
	const forged = await client.post('/api/v1/auth/logout', {
		headers: { origin: 'https://evil.example' }
	});
	await expectApiRefusal(forged, 403, 'cross_origin');
	expect((await client.get('/api/v1/me')).status()).toBe(200);
	const { token } = await tokenFor(phone, password);
	const fromApp = await withToken(token, '/api/v1/me/privacy-consent', {
		method: 'POST',
		headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
		body: JSON.stringify({ version: 'not-this-one' })
	});
	// judged on its content (400), not refused for its origin
	expect(fromApp.status).toBe(400);
	await client.dispose();
});

async function createStaff(admin: APIRequestContext, form: Record<string, string>) {
	const phone = randomPhone();
	const password = 'community-work-2026';
	const created = await admin.post('/admin/accounts?/create', {
		form: { name: '停用测试', phone, password, role: 'staff', ...form }
	});
	expect(created.status()).toBe(200);
	const [row] = await withServerDb((db) =>
		db.select({ id: schema.user.id }).from(schema.user).where(eq(schema.user.phone, phone))
	);
	return { phone, password, id: row.id };
}

const lastAudit = (userId: number) =>
	withServerDb(async (db) => {
		const [row] = await db
			.select()
			.from(schema.auditLog)
			.where(and(eq(schema.auditLog.entity, 'user'), eq(schema.auditLog.entityId, String(userId))))
			.orderBy(desc(schema.auditLog.id))
			.limit(1);
		return row;
	});

test('disabling a staff account ends its sessions and logins (in the user’s language); audited', async () => {
	const admin = await signedInClient('13900000099');
	const staff = await createStaff(admin, { communityCodes: shengli });
	const session = await signedInClient(staff.phone, staff.password);
	const { token } = await tokenFor(staff.phone, staff.password);
	expect((await session.get('/staff', { maxRedirects: 0 })).status()).toBe(200);

	const disabled = await admin.post('/admin/accounts?/disable', { form: { userId: staff.id } });
	expect(disabled.status()).toBe(200);
	expect(await disabled.text()).toContain('账号已停用');
	const audit = await lastAudit(staff.id);
	expect(audit.action).toBe('disable');
	expect(audit.actorUserId).toBeGreaterThan(0);

	// the existing session and token are over
	const page = await session.get('/staff', { maxRedirects: 0 });
	expect(page.status()).toBe(303);
	expect(page.headers()['location']).toContain('/login');
	expect((await withToken(token, '/api/v1/me')).status).toBe(401);
	// the right password is answered "disabled", in the language asked for
	for (const [lang, pattern] of [
		['zh-CN', /停用/],
		['en', /disabled/]
	] as const) {
		const client = await newClient(lang);
		const refused = await client.post(`/api/v1/auth/login?lang=${lang}`, {
			data: { phone: staff.phone, password: staff.password }
		});
		expect(refused.status()).toBe(403);
		const { error } = await refused.json();
		expect(error.code).toBe('account_disabled');
		expect(error.message).toMatch(pattern);
		await client.dispose();
	}
	// a wrong password says nothing about it
	const guess = await (
		await newClient()
	).post('/api/v1/auth/login', { data: { phone: staff.phone, password: 'not-the-password' } });
	expect(guess.status()).toBe(400);
	// no code is texted to a disabled account (the answer is the same as for anyone)
	const before = await countRows(schema.outbox, eq(schema.outbox.recipient, staff.phone));
	const asked = await (
		await newClient()
	).post('/api/v1/auth/login/code', { data: { phone: staff.phone } });
	expect(asked.status()).toBe(202);
	expect(await countRows(schema.outbox, eq(schema.outbox.recipient, staff.phone))).toBe(before);

	// enabled again: the password works
	expect(
		(await admin.post('/admin/accounts?/enable', { form: { userId: staff.id } })).status()
	).toBe(200);
	expect((await lastAudit(staff.id)).action).toBe('enable');
	await signedInClient(staff.phone, staff.password);

	// an administrator cannot disable their own account, and a resident is not on this page
	const [me] = await withServerDb((db) =>
		db.select({ id: schema.user.id }).from(schema.user).where(eq(schema.user.phone, '13900000099'))
	);
	expect((await admin.post('/admin/accounts?/disable', { form: { userId: me.id } })).status()).toBe(
		404
	);
	const resident = await registerResident(randomPhone());
	expect(
		(await admin.post('/admin/accounts?/disable', { form: { userId: resident.id } })).status()
	).toBe(404);
	// staff cannot disable anyone
	const colleague = await signedInClient('13900000011', demoPassword);
	expect(
		(await colleague.post('/admin/accounts?/disable', { form: { userId: staff.id } })).status()
	).toBe(403);
	await Promise.all([
		admin.dispose(),
		session.dispose(),
		colleague.dispose(),
		resident.client.dispose()
	]);
});

test('changing a staff member’s scope takes effect at once and is audited with before and after', async () => {
	const admin = await signedInClient('13900000099');
	const [other] = await withServerDb((db) =>
		db
			.select({ code: schema.community.code })
			.from(schema.community)
			.where(ne(schema.community.code, shengli))
			.limit(1)
	);
	const staff = await createStaff(admin, { communityCodes: other.code });
	const session = await signedInClient(staff.phone, staff.password);
	const resources = () => session.get(`/staff/resources?community=${shengli}`, { maxRedirects: 0 });
	expect((await resources()).status()).toBe(403);

	// bad input: nothing chosen, an unknown community
	const empty = await admin.post('/admin/accounts?/scope', { form: { userId: staff.id } });
	expect(empty.status()).toBe(400);
	const unknown = await admin.post('/admin/accounts?/scope', {
		form: { userId: staff.id, communityCodes: '999999999999' }
	});
	expect(unknown.status()).toBe(400);
	expect(await countRows(schema.staffScope, eq(schema.staffScope.userId, staff.id))).toBe(1);

	const changed = await admin.post('/admin/accounts?/scope', {
		form: { userId: staff.id, communityCodes: shengli }
	});
	expect(changed.status()).toBe(200);
	expect((await resources()).status()).toBe(200);
	const audit = await lastAudit(staff.id);
	expect(audit.action).toBe('scope');
	expect(audit.detail).toMatchObject({ communitiesBefore: other.code, communities: shengli });
	await Promise.all([admin.dispose(), session.dispose()]);
});
