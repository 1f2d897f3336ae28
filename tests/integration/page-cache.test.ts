/**
 * The page cache (src/lib/server/page-cache): public pages kept for visitors who are not signed in.
 * What must hold: a commit from anywhere (here: this test process, as a second server would) shows
 * on the very next view; signed-in people never get a kept page; a kept page is per language,
 * cookies and URL, and sets the same preference cookies again; gzip is the same page.
 *
 * The suite writes in parallel, and any commit starts a new generation of pages: a kept page is
 * waited for (polled), never assumed.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { desc, eq } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { schema, transaction } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { baseURL, newClient, signedInClient } from './accounts-helpers';
import { getBytes } from './extra-server';

let code: string;
let communityName: string;
const clients: APIRequestContext[] = [];

test.beforeAll(async () => {
	// the last community: the one other tests touch least
	[{ code, name: communityName }] = await withServerDb((db) =>
		db
			.select({ code: schema.community.code, name: schema.community.name })
			.from(schema.community)
			.orderBy(desc(schema.community.code))
			.limit(1)
	);
});
test.afterAll(async () => {
	for (const client of clients) await client.dispose();
});

async function client(locale?: string): Promise<APIRequestContext> {
	const made = await newClient(locale);
	clients.push(made);
	return made;
}

/** A visitor's first view of a page (a browser with no cookies yet). */
async function firstView(path: string): Promise<APIResponse> {
	const visitor = await client();
	return visitor.get(path);
}

/** Asks until the answer is a kept page (other tests' commits start new generations meanwhile). */
async function keptPage(get: () => Promise<APIResponse>): Promise<APIResponse> {
	let last: APIResponse | undefined;
	await expect
		.poll(
			async () => {
				last = await get();
				expect(last.status()).toBe(200);
				return last.headers()['x-page-cache'];
			},
			{ timeout: 30_000, intervals: [0, 10, 20, 50] }
		)
		.toBe('hit');
	return last!;
}

test('a visitor gets a kept page until something is committed, then the new one at once', async () => {
	const visitor = await client();
	const path = `/communities/${code}`;
	await keptPage(() => visitor.get(path));

	const title = `缓存测试通知 ${Date.now()}`;
	const [{ id }] = await withServerDb((db) =>
		transaction(db, (tx) =>
			tx
				.insert(schema.notice)
				.values({ scope: 'community', communityCode: code, title, body: '页面缓存', pinned: true })
				.returning({ id: schema.notice.id })
		)
	);
	// the very next view, on whichever server process answers it, is rendered again
	const after = await visitor.get(path);
	expect(after.headers()['x-page-cache']).toBe('miss');
	expect(await after.text()).toContain(title);
	expect(await (await keptPage(() => visitor.get(path))).text()).toContain(title);

	await withServerDb((db) =>
		transaction(db, (tx) =>
			tx.update(schema.notice).set({ withdrawnAt: new Date() }).where(eq(schema.notice.id, id))
		)
	);
	const withdrawn = await visitor.get(path);
	expect(await withdrawn.text()).not.toContain(title);
});

test('a signed-in person always gets their own page, never a kept one', async () => {
	const path = `/communities/${code}`;
	const visitor = await client();
	const kept = await keptPage(() => visitor.get(path));
	expect(await kept.text()).not.toContain('role:"resident"');

	const resident = await signedInClient('13900000002');
	clients.push(resident);
	for (let i = 0; i < 3; i++) {
		const own = await resident.get(path);
		expect(own.headers()['x-page-cache']).toBeUndefined();
		expect(await own.text()).toContain('role:"resident"');
	}
	// a session cookie that is no longer valid: rendered (and the cookie cleared), not kept
	const stale = await raw(path, { cookie: 'session=not-a-session' });
	expect(stale.headers['x-page-cache']).toBeUndefined();
	expect(String(stale.headers['set-cookie'])).toMatch(/session=;/);
});

test('a kept page is per language and sets the URL’s preferences again for the next visitor', async () => {
	const path = `/communities/${code}`;
	const chinese = await keptPage(() => firstView(path));
	expect(await chinese.text()).toContain('<html lang="zh-CN"');

	const english = await keptPage(() => firstView(`${path}?lang=en`));
	expect(await english.text()).toContain('<html lang="en"');
	expect(english.headers()['set-cookie']).toMatch(/PARAGLIDE_LOCALE=en/);

	// the language remembered in a cookie: the same URL as the Chinese page, in English
	const remembered = await client();
	await remembered.get(`${path}?lang=en`);
	expect(await (await keptPage(() => remembered.get(path))).text()).toContain('<html lang="en"');

	// a visitor choosing a home on the map link keeps it, whether the page was kept or not
	const home = await keptPage(() => firstView('/map?home=r:1'));
	expect(home.headers()['set-cookie']).toMatch(/home=r%3A1|home=r:1/);
});

test('the gzipped page is the same page, made once', async () => {
	const path = `/communities/${code}`;
	await keptPage(() => firstView(path));
	let zipped: Awaited<ReturnType<typeof raw>> | undefined;
	let plain: Awaited<ReturnType<typeof raw>> | undefined;
	await expect
		.poll(
			async () => {
				zipped = await raw(path, { 'accept-encoding': 'gzip' });
				plain = await raw(path, {});
				return [zipped.headers['x-page-cache'], plain.headers['x-page-cache']];
			},
			{ timeout: 30_000 }
		)
		.toEqual(['hit', 'hit']);
	expect(zipped!.headers['content-encoding']).toBe('gzip');
	expect(Number(zipped!.headers['content-length'])).toBe(zipped!.body.byteLength);
	const text = gunzipSync(zipped!.body).toString();
	expect(text).toContain(communityName);
	// the two views may fall in different generations (another test's commit between them): same page
	// but for the CSP hash of a new render
	expect(text.length).toBeGreaterThan(1000);
	expect(plain!.body.toString()).toContain(communityName);
	expect(plain!.headers['content-encoding']).toBeUndefined();
});

test('the CSP of a kept page names its scripts by hash, never a nonce', async () => {
	const kept = await keptPage(() => firstView(`/communities/${code}`));
	const csp = kept.headers()['content-security-policy'];
	expect(csp).toMatch(/script-src [^;]*'sha256-/);
	expect(csp).not.toMatch(/nonce-/);
});

const raw = (path: string, headers: Record<string, string>) => getBytes(baseURL, path, headers);
