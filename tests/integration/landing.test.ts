import { expect, test } from '@playwright/test';
import { demoPassword, lastCodeTo, newClient, randomPhone } from './accounts-helpers';

/** Where each demo person lands after logging in without a `next`. */
const homes = [
	['13900000001', '/map'], // resident
	['13900000002', '/elder'], // elder, 长辈版 on in the profile
	['13900000003', '/map'], // the elder's daughter (a carer is a resident)
	['13900000011', '/staff'],
	['13900000099', '/admin']
] as const;

/** Attempts to turn the login into an open redirect: every one must land on the person's home. */
const attacks = [
	'//evil.example',
	'///evil.example/',
	'/\\evil.example',
	'/\\/evil.example',
	'\\\\evil.example',
	'https://evil.example/',
	'http:evil.example',
	'javascript:alert(1)',
	'/\t/evil.example',
	'%2F%2Fevil.example',
	'/login?next=//evil.example'
];

test("the JSON login answers with the person's home, for every role", async () => {
	for (const [phone, home] of homes) {
		const client = await newClient();
		const response = await client.post('/api/v1/auth/login', {
			data: { phone, password: demoPassword }
		});
		expect(response.status()).toBe(200);
		const body = await response.json();
		expect(body.home, phone).toBe(home);
		expect(body.user.phone).toBe(phone);
		await client.dispose();
	}
});

test('the JSON login returns a safe next as home, and never another site', async () => {
	const client = await newClient();
	const login = (next: unknown) =>
		client.post('/api/v1/auth/login', {
			data: { phone: '13900000011', password: demoPassword, next }
		});
	expect((await (await login('/staff/figures?month=2026-11')).json()).home).toBe(
		'/staff/figures?month=2026-11'
	);
	for (const next of attacks) {
		const response = await login(next);
		expect(response.status(), next).toBe(200);
		expect((await response.json()).home, next).toBe('/staff');
	}
	// not a string: ignored, not a 500
	expect((await (await login({ evil: true })).json()).home).toBe('/staff');
	await client.dispose();
});

test('the login form redirects to next or home, and is no open redirect', async () => {
	for (const [phone, home] of homes) {
		const client = await newClient();
		const response = await client.post('/login', { form: { phone, password: demoPassword } });
		expect(response.status(), phone).toBe(303);
		expect(response.headers()['location'], phone).toBe(home);
		await client.dispose();
	}
	const client = await newClient();
	const next = '/service-points/1/book?slot=2';
	const withNext = await client.post(`/login?next=${encodeURIComponent(next)}`, {
		form: { phone: '13900000001', password: demoPassword }
	});
	expect(withNext.headers()['location']).toBe(next);
	// signed in, every attack lands home: both the action and the page's own load
	for (const attack of attacks) {
		const q = `?next=${encodeURIComponent(attack)}`;
		const post = await client.post(`/login${q}`, {
			form: { phone: '13900000001', password: demoPassword }
		});
		expect(post.headers()['location'], attack).toBe('/map');
		const get = await client.get(`/login${q}`);
		expect(get.status(), attack).toBe(303);
		expect(get.headers()['location'], attack).toBe('/map');
	}
	await client.dispose();
});

test('长辈版 switched on before logging in lands in 长辈版', async () => {
	const client = await newClient();
	const response = await client.post('/login', {
		headers: { cookie: 'elder=1' },
		form: { phone: '13900000001', password: demoPassword }
	});
	expect(response.headers()['location']).toBe('/elder');
	await client.dispose();
});

test('the login page says why the visitor is there when next is set', async () => {
	const client = await newClient();
	const page = async (next: string) =>
		(await client.get(`/login?next=${encodeURIComponent(next)}`)).text();
	expect(await page('/service-points/1/book?slot=2')).toContain('登录后即可预约');
	expect(await page('/bookings')).toContain('登录后即可查看和取消您（及家人）的预约');
	expect(await page('/staff')).toContain('社区工作台');
	const attack = await page('//evil.example');
	expect(attack).not.toContain('data-testid="login-reason"');
	// the login forms do not carry the attack along either
	expect(attack).not.toMatch(/action="[^"]*evil/);
	expect(await (await client.get('/login')).text()).not.toContain('data-testid="login-reason"');
	await client.dispose();
});

test("registration lands on the new resident's home, or where they were going", async () => {
	// JSON API: the verify step answers with home
	const client = await newClient();
	const phone = randomPhone();
	const started = await client.post('/api/v1/auth/register', {
		data: {
			name: '测试居民',
			phone,
			password: 'walk-to-the-clinic',
			communityCode: '620201001002',
			consent: true
		}
	});
	const { ticket } = await started.json();
	const done = await client.post('/api/v1/auth/register', {
		data: { ticket, code: await lastCodeTo(phone) }
	});
	expect(done.status()).toBe(201);
	expect((await done.json()).home).toBe('/map');
	await client.dispose();

	// the pages: next travels through the code step
	for (const [next, expected] of [
		['/bookings', '/bookings'],
		['//evil.example', '/map']
	]) {
		const browser = await newClient();
		const formPhone = randomPhone();
		const q = `?next=${encodeURIComponent(next)}`;
		const step1 = await browser.post(`/register${q}`, {
			form: {
				name: '测试居民',
				phone: formPhone,
				password: 'walk-to-the-clinic',
				communityCode: '620201001002',
				consent: 'on'
			}
		});
		expect(step1.status()).toBe(303);
		const verifyUrl = step1.headers()['location'];
		expect(verifyUrl).toBe(expected === '/map' ? '/register/verify' : `/register/verify${q}`);
		const sep = verifyUrl.includes('?') ? '&' : '?';
		const step2 = await browser.post(`${verifyUrl}${sep}/verify`, {
			form: { code: await lastCodeTo(formPhone) }
		});
		expect(step2.status(), next).toBe(303);
		expect(step2.headers()['location'], next).toBe(expected);
		await browser.dispose();
	}
});
