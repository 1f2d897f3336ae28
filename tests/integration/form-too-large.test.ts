import { expect, test } from '@playwright/test';
import { baseURL, newClient, signedInClient } from './accounts-helpers';

/**
 * A page's form over BODY_SIZE_LIMIT (256 KB in the tests, as deployed): an administrator who chose a
 * file on /admin/data before the page had loaded its script posts the whole file at once (with the
 * script, big files go up in pieces). The answer says how large a form may be and what to do, in
 * the person's language, and no route runs (the hook refuses before it).
 */
const file = 'name,category,lng,lat\n' + '某服务点,meal,98.29,39.77\n'.repeat(12_000);

for (const [locale, words] of [
	['zh-CN', ['最多 256 KB', '没有保存任何内容', '等页面加载完成后再提交', '>返回刚才的页面</a>']],
	['en', ['at most 256 KB', 'nothing was saved', 'once the page has loaded', '>Back to the page']]
] as const) {
	test(`an import posted whole before the page loaded its script: 413 with the limit and what to do (${locale})`, async () => {
		const admin = await signedInClient('13900000099');
		try {
			const response = await admin.post(`/admin/data?/servicePoints&lang=${locale}`, {
				multipart: {
					file: { name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(file) }
				}
			});
			expect(response.status()).toBe(413);
			expect(response.headers()['content-type']).toContain('text/html');
			const page = await response.text();
			expect(page).toContain(`<html lang="${locale}">`);
			for (const word of words) expect(page).toContain(word);
			// back to the form's own page
			expect(page).toContain('<a href="/admin/data">');
		} finally {
			await admin.dispose();
		}
	});
}

test('the way back never leads to another site', async () => {
	const client = await newClient();
	try {
		const response = await client.post(`${baseURL}//evil.example/%22%3E%3Cscript%3E`, {
			form: { note: 'x'.repeat(300_000) }
		});
		expect(response.status()).toBe(413);
		const page = await response.text();
		expect(page).toContain('<a href="/evil.example/%22%3E%3Cscript%3E">');
		expect(page).not.toContain('<script');
	} finally {
		await client.dispose();
	}
});

test('an API call over the limit keeps its code and short message', async () => {
	const client = await newClient();
	try {
		const response = await client.post('/api/v1/auth/login', {
			data: { phone: '1'.repeat(300_000) }
		});
		expect(response.status()).toBe(413);
		expect((await response.json()).error.code).toBe('too_large');
	} finally {
		await client.dispose();
	}
});
