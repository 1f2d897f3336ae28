/**
 * Attacks on the page cache (src/lib/server/page-cache): a page kept for visitors who are not
 * signed in is served to everyone who sends the same URL, cookies, language and Accept header. What
 * must hold: nothing of a signed-in person (a carer's elder, a name) is ever kept, whatever the URL
 * (?for=, ?replaces=) and whatever the browser sends after signing out (the same cookies, a forged
 * session, the remembered device, 长辈版); and one visitor's refusal (over the public budget: a 429
 * page, or a 200 __data.json holding the 429) never reaches another visitor, even when both ask at
 * the same moment and share one render.
 *
 * Other tests commit in parallel (each commit starts a new generation): a kept page is polled for.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { and, asc, eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import type { RunningServer } from '../support/server';
import { withServerDb } from '../support/test-server-db';
import { baseURL, newClient, signedInClient } from './accounts-helpers';
import { getBytes, getFrom, startExtraServer, type Answer } from './extra-server';

const clients: APIRequestContext[] = [];
test.afterAll(async () => {
	for (const client of clients) await client.dispose();
});

async function tracked(made: Promise<APIRequestContext>): Promise<APIRequestContext> {
	const client = await made;
	clients.push(client);
	return client;
}

/** Asks until the answer is a kept page (other tests' commits start new generations meanwhile). */
async function keptPage<T>(
	get: () => Promise<T>,
	cacheOf: (answer: T) => string | undefined
): Promise<T> {
	let last: T | undefined;
	await expect
		.poll(
			async () => {
				last = await get();
				return cacheOf(last);
			},
			{ timeout: 30_000, intervals: [0, 10, 20, 50] }
		)
		.toBe('hit');
	return last!;
}
const viaClient = (answer: APIResponse) => answer.headers()['x-page-cache'];
const viaRaw = (answer: Answer) => answer.headers['x-page-cache'] as string | undefined;

/** A request with exactly these headers (no client's defaults) to the suite's server. */
async function raw(path: string, headers: Record<string, string>): Promise<Answer> {
	const answer = await getBytes(baseURL, path, headers);
	return { ...answer, body: answer.body.toString('utf8') };
}

/** The Cookie header a client would send now (its jar, as Playwright keeps it). */
async function cookieHeaderOf(client: APIRequestContext): Promise<string> {
	const { cookies } = await client.storageState();
	return cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
}

async function idOfPhone(phone: string): Promise<number> {
	const [row] = await withServerDb((db) =>
		db.select({ id: schema.user.id }).from(schema.user).where(eq(schema.user.phone, phone)).limit(1)
	);
	return row.id;
}

test('a carer’s page for their elder (?for=, ?replaces=) never reaches anyone else, before or after signing out', async () => {
	const elderId = await idOfPhone('13900000002'); // 李秀兰
	const [point] = await withServerDb((db) =>
		db
			.select({ id: schema.servicePoint.id })
			.from(schema.servicePoint)
			.innerJoin(
				schema.serviceCategory,
				eq(schema.serviceCategory.code, schema.servicePoint.categoryCode)
			)
			.where(and(eq(schema.servicePoint.active, true), eq(schema.serviceCategory.bookable, true)))
			.orderBy(asc(schema.servicePoint.id))
			.limit(1)
	);
	const path = `/service-points/${point.id}?for=${elderId}&replaces=1`;
	const carer = await tracked(signedInClient('13900000003')); // 张丽, linked to 李秀兰
	for (let i = 0; i < 3; i++) {
		const own = await carer.get(path);
		expect(own.status()).toBe(200);
		expect(own.headers()['x-page-cache']).toBeUndefined();
		const text = await own.text();
		expect(text).toContain('李秀兰');
		expect(text).toContain('张丽');
	}
	// a visitor with the same URL: a kept page, with nobody's name in it
	const visitor = await tracked(newClient());
	const kept = await keptPage(() => visitor.get(path), viaClient);
	for (const name of ['李秀兰', '张丽']) expect(await kept.text()).not.toContain(name);

	// the same URL with the carer's session cookie forged, and with the remembered device alone
	const jar = await cookieHeaderOf(carer);
	expect(jar).toMatch(/(^|; )session=/);
	const forged = jar.replace(/(^|; )session=[^;]*/, '$1session=' + 'a'.repeat(32));
	for (let i = 0; i < 3; i++) {
		const answer = await raw(path, { cookie: forged, accept: 'text/html' });
		expect(answer.status).toBe(200);
		expect(viaRaw(answer)).toBeUndefined();
		expect(answer.body).not.toContain('李秀兰');
	}
	const withoutSession = jar
		.split('; ')
		.filter((pair) => !pair.startsWith('session='))
		.join('; ');
	const remembered = await keptPage(
		() => raw(path, { cookie: withoutSession, accept: 'text/html' }),
		viaRaw
	);
	for (const name of ['李秀兰', '张丽']) expect(remembered.body).not.toContain(name);

	// signed out: the same browser (whatever cookies it keeps), and anyone sending those cookies
	const out = await carer.post('/logout', { form: {} });
	expect(out.status()).toBe(303);
	const after = await keptPage(() => carer.get(path), viaClient);
	for (const name of ['李秀兰', '张丽']) expect(await after.text()).not.toContain(name);
	const sameCookies = await raw(path, { cookie: await cookieHeaderOf(carer), accept: 'text/html' });
	expect(sameCookies.status).toBe(200);
	for (const name of ['李秀兰', '张丽']) expect(sameCookies.body).not.toContain(name);
});

test('an elder’s own 长辈版 page is never kept for the next 长辈版 visitor', async () => {
	const elder = await tracked(signedInClient('13900000002')); // 李秀兰, 长辈版 in her profile
	for (let i = 0; i < 3; i++) {
		const own = await elder.get('/elder');
		expect(own.status()).toBe(200);
		expect(own.headers()['x-page-cache']).toBeUndefined();
		expect(await own.text()).toContain('李秀兰');
	}
	// her browser's preference cookies without the session, as another 长辈版 visitor's would be
	const cookie = (await cookieHeaderOf(elder))
		.split('; ')
		.filter((pair) => !pair.startsWith('session='))
		.concat('elder=1')
		.join('; ');
	const kept = await keptPage(() => raw('/elder', { cookie, accept: 'text/html' }), viaRaw);
	expect(kept.body).toContain('data-mode="elder"');
	expect(kept.body).not.toContain('李秀兰');
});

test.describe('one visitor over the public budget', () => {
	let server: RunningServer;

	test.beforeAll(async () => {
		// a budget small enough to trip (as public-budget.test.ts), on a server of its own
		server = await startExtraServer('127.0.0.7', {
			PUBLIC_BUDGET_MS_PER_SECOND: '20',
			PUBLIC_BUDGET_BURST_MS: '60'
		});
		// the first costly answer builds the coverage engine: an address no request below uses pays
		await getFrom('127.0.0.79', server, '/api/coverage/summary');
	});
	test.afterAll(async () => {
		await server?.stop();
	});

	let place = 0;
	/** Costly answers from `from` (each a new place: no cached answer) until one is refused. */
	async function spendUntilRefused(from: string): Promise<void> {
		for (let i = 0; i < 400; i++) {
			const lat = (39.7 + 0.0003 * place++).toFixed(4);
			const answer = await getFrom(from, server, `/api/isochrone?lat=${lat}&lng=98.31&minutes=15`);
			if (answer.status === 429) return;
			expect(answer.status).toBe(200);
		}
		throw new Error(`no 429 for ${from}`);
	}

	/** No node of a __data.json answer is an error (the 429 of the over-budget visitor). */
	function dataWithoutError(answer: Answer): void {
		expect(answer.status).toBe(200);
		const data = JSON.parse(answer.body) as { type: string; nodes?: { type: string }[] };
		expect(data.type).toBe('data');
		expect(data.nodes?.map((node) => node.type)).not.toContain('error');
	}

	test('never gets another visitor a 429, kept or shared, as a page or as __data.json', async () => {
		test.setTimeout(150_000);
		const page = `/map?attack=${Date.now()}`;
		const data = `/map/__data.json?attack=${Date.now()}&x-sveltekit-invalidated=01`;
		const headers = { accept: 'text/html', 'accept-language': 'zh-CN' };
		let refusals = 0;
		// the refused visitor and others ask at the same moment (the others wait for its render and
		// then render for themselves), then others ask after it
		for (let round = 0; round < 4; round++) {
			const attacker = `127.0.0.${80 + round}`;
			await spendUntilRefused(attacker);
			const [refusedPage, refusedData, otherPage, otherData] = await Promise.all([
				getFrom(attacker, server, page, headers),
				getFrom(attacker, server, data, headers),
				getFrom(`127.0.1.${10 + round}`, server, page, headers),
				getFrom(`127.0.2.${10 + round}`, server, data, headers)
			]);
			if (refusedPage.status === 429) refusals++;
			expect([200, 429]).toContain(refusedPage.status);
			// SvelteKit answers a load's error to __data.json as a 200 holding an error node
			expect(refusedData.status).toBe(200);
			if (refusedData.body.includes('"status":429')) refusals++;
			expect(otherPage.status).toBe(200);
			dataWithoutError(otherData);
			const laterPage = await getFrom(`127.0.3.${10 + round}`, server, page, headers);
			expect(laterPage.status).toBe(200);
			dataWithoutError(await getFrom(`127.0.4.${10 + round}`, server, data, headers));
		}
		// the attack happened: the visitor over its budget was refused (most rounds)
		expect(refusals).toBeGreaterThan(0);
	});
});
