import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { newClient, registerResident } from './accounts-helpers';

/** The profile's stored 长辈版 setting, read from the test server's database. */
async function storedElderMode(userId: number): Promise<boolean> {
	const [row] = await withServerDb((db) =>
		db
			.select({ elderMode: schema.user.elderMode })
			.from(schema.user)
			.where(eq(schema.user.id, userId))
	);
	return row.elderMode;
}

/** The mode a page is rendered in for this client: <html data-mode="…">. */
async function renderedMode(client: Awaited<ReturnType<typeof newClient>>, path: string) {
	const html = await (await client.get(path)).text();
	return /<html[^>]*data-mode="(\w+)"/.exec(html)?.[1];
}

test('GET /elder never changes the stored profile; only the POST switch does', async () => {
	const { client, id } = await registerResident();
	expect(await storedElderMode(id)).toBe(false);

	// a link, a prefetch or an <img src="/elder"> on another site: a GET changes nothing stored
	const page = await client.get('/elder');
	expect(page.status()).toBe(200);
	expect(await page.text()).toContain('data-mode="elder"');
	expect(await storedElderMode(id)).toBe(false);
	expect(await renderedMode(client, '/communities')).toBe('standard');

	// the header's 长辈版 button: a form POST, remembered in the profile
	const entered = await client.post('/elder/enter', { form: {} });
	expect(entered.status()).toBe(303);
	expect(entered.headers()['location']).toBe('/elder');
	expect(await storedElderMode(id)).toBe(true);
	expect(await renderedMode(client, '/communities')).toBe('elder');

	// and 标准版 (a POST as before) turns it off again, back to the equivalent standard page
	const left = await client.post('/elder/leave', { form: { next: '/elder/times/1' } });
	expect(left.status()).toBe(303);
	expect(left.headers()['location']).toBe('/service-points/1');
	expect(await storedElderMode(id)).toBe(false);
	await client.dispose();
});

test('another site cannot switch a signed-in person into 长辈版 with a cross-site form', async () => {
	const { client, id } = await registerResident();
	const forged = await client.post('/elder/enter', {
		form: {},
		headers: { origin: 'https://evil.example' }
	});
	expect(forged.status()).toBe(403);
	expect(await storedElderMode(id)).toBe(false);
	await client.dispose();
});

test('a visitor entering /elder by a link keeps 长辈版 in a cookie only', async () => {
	const visitor = await newClient();
	expect(await renderedMode(visitor, '/communities')).toBe('standard');
	const page = await visitor.get('/elder');
	expect(page.status()).toBe(200);
	const cookie = page
		.headersArray()
		.find((h) => /^set-cookie$/i.test(h.name) && /^elder=1/.test(h.value));
	expect(cookie?.value).toContain('HttpOnly');
	expect(await renderedMode(visitor, '/communities')).toBe('elder');
	// the switch's POST leaves it, also for visitors
	const left = await visitor.post('/elder/leave', { form: { next: '/communities' } });
	expect(left.headers()['location']).toBe('/communities');
	expect(await renderedMode(visitor, '/communities')).toBe('standard');
	await visitor.dispose();
});
