import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	baseURL,
	countUsersWithPhone,
	newClient,
	randomPhone,
	signedInClient
} from './accounts-helpers';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { countRows } from '../support/test-server-db';

const longName = '长'.repeat(10_240);
const script = '<script>alert(1)</script>';
const community = '620201001002';

/** Messages in both languages, as the person asked (zh by default, en by ?lang=en). */
const text = {
	invalid: { zh: '请检查标出的项目', en: 'Please check the marked fields' },
	phone: { zh: '请输入正确的11位手机号', en: 'Enter an 11-digit mainland mobile number' },
	name: { zh: '姓名', en: 'name' }
};

let anonymous: APIRequestContext;
test.beforeAll(async () => {
	anonymous = await newClient();
});
test.afterAll(() => anonymous.dispose());

const registrationForms: [string, Record<string, string>][] = [
	['missing fields', {}],
	['a 10 KB name', { name: longName }],
	['a script tag as name', { name: script }],
	['an invalid phone', { phone: '12345' }],
	['a landline', { phone: '09376200000' }],
	['a common password', { password: '12345678' }]
];

for (const [what, change] of registrationForms) {
	test(`registration form refuses ${what} in zh and en, and writes nothing`, async () => {
		const phone = randomPhone();
		const form =
			what === 'missing fields'
				? {}
				: {
						name: '测试',
						phone,
						password: 'walk-to-the-clinic',
						communityCode: community,
						...change
					};
		for (const lang of ['zh', 'en'] as const) {
			const response = await anonymous.post(`/register?lang=${lang === 'en' ? 'en' : 'zh-CN'}`, {
				form
			});
			expect(response.status()).toBe(400);
			const body = await response.text();
			expect(body).toContain(text.invalid[lang]);
			expect(body).not.toContain('<script>alert(1)');
			expect(body).not.toContain('walk-to-the-clinic');
		}
		expect(await countUsersWithPhone(phone)).toBe(0);
		const codes = await countRows(
			schema.verificationCode,
			eq(schema.verificationCode.phone, phone)
		);
		expect(codes).toBe(0);
	});
}

test('the API refuses wrong types, missing fields and non-JSON with its error shape', async () => {
	await anonymous.get('/?lang=zh-CN');
	const phone = randomPhone();
	const cases: [unknown, number][] = [
		[{}, 400],
		[{ name: 42, phone: Number(phone), password: true, communityCode: [community] }, 400],
		[{ name: longName, phone, password: 'walk-to-the-clinic', communityCode: community }, 400],
		[{ name: script, phone, password: 'walk-to-the-clinic', communityCode: community }, 400],
		[{ name: '测试', phone: '139', password: 'walk-to-the-clinic', communityCode: community }, 400],
		[{ ticket: 'x', code: 123456 }, 400],
		[[1, 2, 3], 400]
	];
	for (const [data, status] of cases) {
		const response = await anonymous.post('/api/v1/auth/register', { data });
		expect(response.status(), JSON.stringify(data).slice(0, 80)).toBe(status);
		const { error } = await response.json();
		expect(error.code).toBe('invalid_input');
		expect(error.message).toMatch(/[\u4e00-\u9fff]/);
	}
	const notJson = await anonymous.post('/api/v1/auth/login', {
		headers: { 'content-type': 'text/plain' },
		data: 'phone=13900000001'
	});
	expect(notJson.status()).toBe(415);
	const broken = await anonymous.post('/api/v1/auth/login', {
		headers: { 'content-type': 'application/json' },
		data: '{"phone":'
	});
	expect(broken.status()).toBe(400);
	// JSON that is not an object (`null` answered 500 in a fuzz run: its fields were read unchecked)
	for (const body of ['null', '[]', '"13900000001"', '5', 'true']) {
		for (const path of ['/api/v1/auth/login', '/api/v1/auth/register']) {
			const notAnObject = await anonymous.post(path, {
				headers: { 'content-type': 'application/json' },
				data: body
			});
			expect(notAnObject.status(), `${path} ${body}`).toBe(400);
			expect((await notAnObject.json()).error.code, `${path} ${body}`).toBe('invalid_input');
		}
	}
	const english = await anonymous.post('/api/v1/auth/login?lang=en', { data: { phone: 'abc' } });
	await anonymous.get('/?lang=zh-CN');
	expect(english.status()).toBe(400);
	expect((await english.json()).error.message).toContain(text.phone.en);
	expect(await countUsersWithPhone(phone)).toBe(0);
});

test('login refuses bad input with a message, in English when the cookie says so', async () => {
	const response = await anonymous.post('/login', { form: { phone: script, password: '' } });
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain(text.phone.zh);
	const en = await newClient('en');
	const english = await en.post('/login', {
		headers: { cookie: 'PARAGLIDE_LOCALE=en' },
		form: { phone: '1', password: 'x' }
	});
	expect(english.status()).toBe(400);
	expect(await english.text()).toContain(text.phone.en);
	await en.dispose();
});

test('a form POST from another origin is refused (403) and does nothing', async () => {
	const phone = randomPhone();
	const forged = await anonymous.post('/register', {
		headers: { origin: 'https://evil.example' },
		form: { name: '测试', phone, password: 'walk-to-the-clinic', communityCode: community }
	});
	expect(forged.status()).toBe(403);
	// in the visitor's language (SvelteKit's own check answered in English only)
	expect(await forged.text()).toContain('请求来自其他网站，已拒绝');
	const english = await anonymous.post('/register?lang=en', {
		headers: { origin: 'https://evil.example' },
		form: { name: '测试', phone, password: 'walk-to-the-clinic', communityCode: community }
	});
	expect(english.status()).toBe(403);
	expect(await english.text()).toMatch(/came from another site and was refused/);
	const victim = await signedInClient('13900000001');
	const profile = await victim.post('/profile?/save', {
		headers: { origin: 'https://evil.example' },
		form: { name: 'Hacked', communityCode: community, walkingSpeed: 'slow', locale: 'en' }
	});
	expect(profile.status()).toBe(403);
	const me = await (await victim.get('/api/v1/me')).json();
	expect(me.user.name).toBe('王建国');
	expect(await countUsersWithPhone(phone)).toBe(0);
	await victim.dispose();
});

test('signed-in forms refuse bad input and keep the data as it was', async () => {
	const client = await signedInClient('13900000001');
	const before = await (await client.get('/api/v1/me')).json();
	const forms: [string, Record<string, string>][] = [
		[
			'/profile?/save',
			{ name: longName, communityCode: community, walkingSpeed: 'slow', locale: 'zh-CN' }
		],
		[
			'/profile?/save',
			{ name: script, communityCode: community, walkingSpeed: 'slow', locale: 'zh-CN' }
		],
		['/profile?/save', { name: '王建国', communityCode: 'x', walkingSpeed: 'fast', locale: 'fr' }],
		[
			'/profile?/save',
			{
				name: '王建国',
				communityCode: community,
				walkingSpeed: 'custom',
				walkingSpeedMps: '99',
				locale: 'zh-CN'
			}
		],
		['/profile?/save', {}],
		['/profile/family?/invite', { phone: script }],
		['/profile/family?/invite', {}],
		['/profile/family?/invite', { phone: '13900000001' }],
		['/profile/family?/confirm', { linkId: 'abc' }],
		['/profile/sessions?/end', { handle: script }],
		['/profile/delete', { password: '' }]
	];
	for (const [path, form] of forms) {
		const response = await client.post(path, { form });
		expect([400, 404], `${path} ${JSON.stringify(form).slice(0, 60)}`).toContain(response.status());
		expect(await response.text()).not.toContain('<script>alert(1)');
	}
	const after = await (await client.get('/api/v1/me')).json();
	expect(after).toEqual(before);
	await client.dispose();
});

test('the administrator form refuses bad input and creates nobody', async () => {
	const admin = await signedInClient('13900000099');
	const phone = randomPhone();
	const cases: Record<string, string>[] = [
		{},
		{ name: longName, phone, password: 'desk-duty-2026', role: 'staff', communityCodes: community },
		{ name: script, phone, password: 'desk-duty-2026', role: 'staff', communityCodes: community },
		{
			name: '刘芳',
			phone: 'abc',
			password: 'desk-duty-2026',
			role: 'staff',
			communityCodes: community
		},
		{ name: '刘芳', phone, password: 'desk-duty-2026', role: 'staff' },
		{
			name: '刘芳',
			phone,
			password: 'desk-duty-2026',
			role: 'resident',
			communityCodes: community
		},
		{
			name: '刘芳',
			phone,
			password: 'desk-duty-2026',
			role: 'staff',
			communityCodes: '999999999999'
		}
	];
	for (const form of cases) {
		const response = await admin.post('/admin/accounts?/create', { form });
		expect(response.status(), JSON.stringify(form).slice(0, 80)).toBe(400);
	}
	expect(await countUsersWithPhone(phone)).toBe(0);
	await admin.dispose();
	expect(baseURL).toContain('localhost');
});
