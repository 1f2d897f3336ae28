/**
 * Issue 20, items 1 and 2: 短信验证码登录, password reset by texted code, changing the password
 * (other sessions end), and consent to the privacy notice — with the attacks on each: guessing
 * codes, resetting someone else's password, telling registered numbers from others.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { privacyNoticeVersion } from '../../src/lib/privacy';
import { countRows, withServerDb } from '../support/test-server-db';
import {
	baseURL,
	expectApiRefusal,
	lastCodeTo,
	newClient,
	randomPhone,
	registerResident
} from './accounts-helpers';

const outboxTo = (phone: string) => countRows(schema.outbox, eq(schema.outbox.recipient, phone));

async function askCode(client: APIRequestContext, phone: string, path = '/api/v1/auth/login/code') {
	const response = await client.post(path, { data: { phone } });
	expect(response.status()).toBe(202);
	return (await response.json()) as { ticket: string; phone: string; expiresInS: number };
}

const me = (client: APIRequestContext) => client.get('/api/v1/me');

test('短信验证码登录: phone, texted code and ticket sign in, once; the same through the form', async () => {
	const { phone } = await registerResident(randomPhone());
	const app = await newClient();
	const { ticket } = await askCode(app, phone);
	const code = await lastCodeTo(phone);
	expect(code).toMatch(/^\d{6}$/);
	const done = await app.post('/api/v1/auth/login', { data: { phone, code, ticket } });
	expect(done.status()).toBe(200);
	expect((await done.json()).user.phone).toBe(phone);
	expect((await me(app)).status()).toBe(200);
	// a code works once
	const again = await newClient();
	await expectApiRefusal(
		await again.post('/api/v1/auth/login', { data: { phone, code, ticket } }),
		400,
		'invalid_input'
	);

	// the page: "验证码登录", send, then log in; the ticket travels in a cookie scoped to /login
	const browser = await newClient();
	const sent = await browser.post('/login?by=code', {
		form: { by: 'code', intent: 'code', phone }
	});
	expect(sent.status()).toBe(200);
	expect(await sent.text()).toContain('验证码已发送');
	const signedIn = await browser.post('/login?by=code', {
		form: { by: 'code', phone, code: await lastCodeTo(phone) }
	});
	expect(signedIn.status()).toBe(303);
	expect(signedIn.headers()['location']).toBe('/map');
	expect((await me(browser)).status()).toBe(200);
	await Promise.all([app.dispose(), again.dispose(), browser.dispose()]);
});

test('attack: guessing a code gets five tries per code, and codes per phone are limited', async () => {
	const { phone } = await registerResident(randomPhone());
	const attacker = await newClient();
	const { ticket } = await askCode(attacker, phone);
	const right = await lastCodeTo(phone);
	const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
	// a burst of guesses at once: exactly five are checked
	const guesses = await Promise.all(
		Array.from({ length: 12 }, () =>
			attacker.post('/api/v1/auth/login', { data: { phone, code: wrong, ticket } })
		)
	);
	const messages = await Promise.all(guesses.map(async (r) => (await r.json()).error.message));
	expect(guesses.every((r) => r.status() === 400)).toBe(true);
	expect(messages.filter((text) => text.includes('不正确'))).toHaveLength(5);
	// the right code on the spent ticket is refused too
	const late = await attacker.post('/api/v1/auth/login', { data: { phone, code: right, ticket } });
	expect(late.status()).toBe(400);
	expect((await me(attacker)).status()).toBe(401);
	// the registration code and this one count against CODE_LIMIT_PER_PHONE (5 an hour)
	for (let i = 0; i < 3; i++) await askCode(attacker, phone);
	const refused = await attacker.post('/api/v1/auth/login/code', { data: { phone } });
	await expectApiRefusal(refused, 429, 'rate_limited');
	expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
	await attacker.dispose();
});

test('attack: the answers tell nobody whether a number has an account', async () => {
	const { phone: known } = await registerResident(randomPhone());
	const unknown = randomPhone();
	const client = await newClient();
	for (const path of ['/api/v1/auth/login/code', '/api/v1/auth/password-reset/code']) {
		const a = await client.post(path, { data: { phone: known } });
		const b = await client.post(path, { data: { phone: unknown } });
		expect([a.status(), b.status()]).toEqual([202, 202]);
		const [bodyA, bodyB] = [await a.json(), await b.json()];
		expect(Object.keys(bodyA).sort()).toEqual(Object.keys(bodyB).sort());
		expect(bodyB.expiresInS).toBe(bodyA.expiresInS);
		expect(bodyB.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
		// a wrong code is "wrong" for both, in the same words
		const tryA = await client.post('/api/v1/auth/login', {
			data: { phone: known, code: '000000', ticket: bodyA.ticket }
		});
		const tryB = await client.post('/api/v1/auth/login', {
			data: { phone: unknown, code: '000000', ticket: bodyB.ticket }
		});
		expect(tryA.status()).toBe(tryB.status());
		expect((await tryA.json()).error.message).toBe((await tryB.json()).error.message);
	}
	// nothing was texted to the number without an account
	expect(await outboxTo(unknown)).toBe(0);
	await client.dispose();
});

test('reset by code: the new password signs in, the old does not, every old session ends', async () => {
	const { client: oldSession, phone, password } = await registerResident(randomPhone());
	const stranger = await newClient();
	const { ticket } = await askCode(stranger, phone, '/api/v1/auth/password-reset/code');
	const code = await lastCodeTo(phone);
	expect(code).toMatch(/^\d{6}$/);

	// attack: the stranger's own reset code (for their own number) does not reset this account
	const { phone: own } = await registerResident(randomPhone());
	const { ticket: ownTicket } = await askCode(stranger, own, '/api/v1/auth/password-reset/code');
	const ownCode = await lastCodeTo(own);
	const hijack = await stranger.post('/api/v1/auth/password-reset', {
		data: { phone, code: ownCode, ticket: ownTicket, password: 'taken-over-2026' }
	});
	expect(hijack.status()).toBe(400);
	// nor does the owner's code without the ticket of the request that asked for it
	const noTicket = await stranger.post('/api/v1/auth/password-reset', {
		data: { phone, code, ticket: ownTicket, password: 'taken-over-2026' }
	});
	expect(noTicket.status()).toBe(400);
	expect((await me(oldSession)).status()).toBe(200);

	// the owner's code and ticket (the stranger asked, but the code went to the owner's phone)
	const owner = await newClient();
	const reset = await owner.post('/api/v1/auth/password-reset', {
		data: { phone, code, ticket, password: 'a-new-walk-2026' }
	});
	expect(reset.status()).toBe(200);
	expect((await me(owner)).status()).toBe(200);
	expect((await me(oldSession)).status()).toBe(401);
	const login = (pw: string) =>
		newClient().then((c) => c.post('/api/v1/auth/login', { data: { phone, password: pw } }));
	expect((await login(password)).status()).toBe(400);
	expect((await login('a-new-walk-2026')).status()).toBe(200);
	// the code works once
	const twice = await owner.post('/api/v1/auth/password-reset', {
		data: { phone, code, ticket, password: 'third-walk-2026' }
	});
	expect(twice.status()).toBe(400);
	await Promise.all([oldSession.dispose(), stranger.dispose(), owner.dispose()]);
});

test('the reset page: send, then code and new password; refuses a wrong code in the user’s language', async () => {
	const { phone } = await registerResident(randomPhone());
	const browser = await newClient('en');
	const sent = await browser.post('/login/reset?/send', { form: { phone } });
	expect(sent.status()).toBe(200);
	const wrong = await browser.post('/login/reset?/reset', {
		form: { phone, code: '000000', password: 'a-new-walk-2026' }
	});
	expect(wrong.status()).toBe(400);
	expect(await wrong.text()).toMatch(/code/i);
	const done = await browser.post('/login/reset?/reset', {
		form: { phone, code: await lastCodeTo(phone), password: 'a-new-walk-2026' }
	});
	expect(done.status()).toBe(303);
	expect(done.headers()['location']).toBe('/map');
	await browser.dispose();
});

test('changing the password in the profile ends the other sessions and keeps this one', async () => {
	const { client: here, phone, password } = await registerResident(randomPhone());
	const elsewhere = await newClient();
	expect((await elsewhere.post('/api/v1/auth/login', { data: { phone, password } })).status()).toBe(
		200
	);
	const app = await newClient();
	const { token } = await (
		await app.post('/api/v1/auth/login', { data: { phone, password, token: true } })
	).json();
	const bearer = { authorization: `Bearer ${token}` };
	expect((await app.get('/api/v1/me', { headers: bearer })).status()).toBe(200);

	const wrong = await here.post('/profile/password', {
		form: { currentPassword: 'not-it-at-all', password: 'a-new-walk-2026' }
	});
	expect(wrong.status()).toBe(400);
	expect(await wrong.text()).toContain('当前密码不正确');
	const ownPhone = await here.post('/profile/password', {
		form: { currentPassword: password, password: phone }
	});
	expect(ownPhone.status()).toBe(400);

	const changed = await here.post('/profile/password', {
		form: { currentPassword: password, password: 'a-new-walk-2026' }
	});
	expect(changed.status()).toBe(200);
	expect(await changed.text()).toContain('密码已修改');
	expect((await me(here)).status()).toBe(200);
	expect((await me(elsewhere)).status()).toBe(401);
	await expectApiRefusal(await app.get('/api/v1/me', { headers: bearer }), 401, 'token_invalid');
	await Promise.all([here.dispose(), elsewhere.dispose(), app.dispose()]);
});

test('registration asks for consent and stores the notice version and time', async () => {
	const client = await newClient();
	const phone = randomPhone();
	const details = { name: '同意测试', phone, password: 'walk-to-the-clinic' };
	const withoutConsent = await client.post('/api/v1/auth/register', {
		data: { ...details, communityCode: '620201001002' }
	});
	await expectApiRefusal(withoutConsent, 400, 'invalid_input');
	expect(await countRows(schema.verificationCode, eq(schema.verificationCode.phone, phone))).toBe(
		0
	);
	// the form: unticked is refused with the reason beside the box
	const form = await client.post('/register', {
		headers: { accept: 'text/html' },
		form: { ...details, communityCode: '620201001002' }
	});
	expect(form.status()).toBe(400);
	expect(await form.text()).toContain('请阅读并勾选同意');

	const before = Date.now();
	const { id } = await registerResident(phone);
	const [row] = await withServerDb((db) =>
		db
			.select({ version: schema.user.privacyNoticeVersion, at: schema.user.privacyConsentedAt })
			.from(schema.user)
			.where(eq(schema.user.id, id))
	);
	expect(row.version).toBe(privacyNoticeVersion);
	expect(row.at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
	expect(row.at!.getTime()).toBeLessThanOrEqual(Date.now());
	await client.dispose();
});

test('an account without consent is asked once, at its next page; the API says so', async () => {
	const { phone, password, id } = await registerResident(randomPhone());
	await withServerDb((db) =>
		transaction(db, async (tx) => {
			await tx
				.update(schema.user)
				.set({ privacyNoticeVersion: null, privacyConsentedAt: null })
				.where(eq(schema.user.id, id));
		})
	);
	const browser = await newClient();
	const login = await browser.post('/login', { form: { phone, password } });
	expect(login.status()).toBe(303);
	expect((await (await me(browser)).json()).user.privacyConsentRequired).toBe(true);
	const page = await browser.get('/bookings');
	expect(page.status()).toBe(303);
	expect(page.headers()['location']).toBe('/privacy/consent?next=%2Fbookings');
	// the notice itself and the way out stay open
	expect((await browser.get('/privacy')).status()).toBe(200);
	const agreed = await browser.post('/privacy/consent?/agree&next=%2Fbookings', { form: {} });
	expect(agreed.status()).toBe(303);
	expect(agreed.headers()['location']).toBe('/bookings');
	expect((await browser.get('/bookings')).status()).toBe(200);
	expect((await (await me(browser)).json()).user.privacyConsentRequired).toBe(false);
	const privacy = await (await browser.get('/privacy')).text();
	expect(privacy).toContain(`版本 ${privacyNoticeVersion}`);
	expect(privacy).toContain('data-testid="consent-given"');
	// asked once: the consent page now sends the person on
	expect((await browser.get('/privacy/consent')).status()).toBe(303);
	await browser.dispose();
});

test('the privacy page is public, in Chinese and English, and linked from the footer and registration', async () => {
	for (const [lang, heading] of [
		['zh-CN', '个人信息保护说明'],
		['en', 'Privacy notice']
	]) {
		const response = await fetch(`${baseURL}/privacy?lang=${lang}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(heading);
		expect(html).toContain(privacyNoticeVersion);
	}
	const register = await (await fetch(`${baseURL}/register`)).text();
	expect(register.match(/href="\/privacy"/g)?.length).toBeGreaterThanOrEqual(2);
});
