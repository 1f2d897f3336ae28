import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { newClient, registerResident, signedInClient } from './accounts-helpers';

/**
 * 下载我的数据 (issue 20, item 2): the signed-in person's own data as JSON and .xlsx; an id in the
 * request changes nothing; anonymous is sent to sign in; an hourly limit per person.
 */
test('a resident downloads their own data as JSON and as .xlsx, whatever id the request names', async () => {
	const { client, phone, id } = await registerResident();
	const json = await client.get('/profile/data.json');
	expect(json.status()).toBe(200);
	expect(json.headers()['content-disposition']).toBe('attachment; filename="my-data.json"');
	expect(json.headers()['cache-control']).toContain('no-store');
	const data = await json.json();
	expect(data.profile).toMatchObject({ id, phone, name: '测试居民', community: '620201001002' });
	expect(Object.keys(data)).toEqual(
		expect.arrayContaining(['bookings', 'ratings', 'needs', 'familyLinks', 'sessions'])
	);
	expect(JSON.stringify(data)).not.toMatch(/password|argon2/i);

	// another person's id, by any name: still the session's own person
	const attack = await client.get('/profile/data.json?id=1&userId=1&user=13900000002');
	const attacked = await attack.json();
	expect(attacked.profile.id).toBe(id);
	expect(JSON.stringify(attacked)).not.toContain('13900000002');

	const xlsx = await client.get('/profile/data.xlsx');
	expect(xlsx.status()).toBe(200);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
	const profile = workbook.getWorksheet('个人资料')!;
	const rows: unknown[][] = [];
	profile.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	expect(rows[0]).toEqual(['项目', '内容']);
	expect(rows).toContainEqual(['手机号', phone]);
	await client.dispose();
});

test('the demo elder’s copy holds her family link with her daughter, and her daughter’s the elder masked', async () => {
	const elder = await signedInClient('13900000002');
	const data = await (await elder.get('/profile/data.json')).json();
	expect(data.profile.elderMode).toBe(true);
	expect(data.familyLinks).toContainEqual(
		expect.objectContaining({ asRole: 'elder', invitedPhone: null })
	);
	const carer = await signedInClient('13900000003');
	const carerData = await (await carer.get('/profile/data.json')).json();
	expect(carerData.familyLinks).toContainEqual(
		expect.objectContaining({
			asRole: 'carer',
			otherPerson: data.profile.name,
			invitedPhone: '139****0002'
		})
	);
	expect(JSON.stringify(carerData)).not.toContain('13900000002');
	await carer.dispose();
	await elder.dispose();
});

test('anonymous is sent to sign in, and the hourly limit answers 429 in Chinese', async () => {
	const anonymous = await newClient();
	const refused = await anonymous.get('/profile/data.json');
	expect(refused.status()).toBe(303);
	expect(refused.headers().location).toContain('/login');
	await anonymous.dispose();

	const { client } = await registerResident();
	for (let i = 0; i < 10; i++)
		expect((await client.get(i % 2 ? '/profile/data.xlsx' : '/profile/data.json')).status()).toBe(
			200
		);
	const limited = await client.get('/profile/data.json');
	expect(limited.status()).toBe(429);
	expect(await limited.text()).toContain('下载次数过多');
	await client.dispose();
});
