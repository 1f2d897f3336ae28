import { expect, test } from '@playwright/test';
import type { RunningServer } from '../support/server';
import { asc } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { signedInClient } from './accounts-helpers';
import { getFrom, startExtraServer, type Answer } from './extra-server';

/**
 * The costly public answers (life-circle map, bands, routes, residences, coverage summary) spend a
 * per-client budget of milliseconds (PUBLIC_BUDGET_MS_PER_SECOND, PUBLIC_BUDGET_BURST_MS). This
 * test runs a second server with a budget small enough to trip (the suite's own server is given a
 * generous one, since every test calls from 127.0.0.1): one client (127.0.0.3) asks for costly
 * answers until refused, while another client (127.0.0.4) and /healthz are still served.
 */
test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let residenceIds: number[];

test.beforeAll(async () => {
	const { residence } = schema;
	residenceIds = (
		await withServerDb((db) =>
			db.select({ id: residence.id }).from(residence).orderBy(asc(residence.id)).limit(400)
		)
	).map((row) => row.id);
	server = await startExtraServer('127.0.0.2', {
		PUBLIC_BUDGET_MS_PER_SECOND: '20',
		PUBLIC_BUDGET_BURST_MS: '60'
	});
	// the first costly answer builds the coverage engine: let an address no test uses pay for it
	await getFrom('127.0.0.9', server, '/api/coverage/summary');
});

test.afterAll(async () => {
	await server?.stop();
});

/** Costly requests from one address, each a different home or place (no answer is a repeat). */
async function spendUntilRefused(from: string, path: (i: number) => string): Promise<Answer> {
	for (let i = 0; i < residenceIds.length; i++) {
		const answer = await getFrom(from, server, path(i));
		if (answer.status === 429) return answer;
		expect(answer.status, path(i)).toBe(200);
	}
	throw new Error(`no 429 after ${residenceIds.length} costly requests from ${from}`);
}

/**
 * The answer to `path` asked for right after `from` has been refused: tried again (over budget
 * again first) while the bucket happened to refill in between, up to five times.
 */
let retries = 0;
async function answerWhenRefused(
	from: string,
	path: string,
	headers: Record<string, string> = {}
): Promise<Answer> {
	let answer: Answer | undefined;
	for (let attempt = 0; attempt < 5; attempt++) {
		// places not asked for before (a cached answer costs next to nothing)
		const lngE = 98.2905 + 0.0005 * retries++;
		await spendUntilRefused(
			from,
			(i) =>
				`/api/isochrone?lat=${(39.77 + i * 0.0003).toFixed(4)}&lng=${lngE.toFixed(4)}&minutes=15`
		);
		answer = await getFrom(from, server, path, headers);
		if (answer.status === 429) return answer;
	}
	return answer!;
}

const isochrone = (i: number) =>
	`/api/isochrone?lat=${(39.77 + i * 0.0003).toFixed(4)}&lng=98.29&minutes=15`;

test('a client over its budget gets 429 with Retry-After, in its language; others are served', async () => {
	test.setTimeout(120_000);
	const refused = await spendUntilRefused('127.0.0.3', isochrone);
	const retryAfterS = Number(refused.headers['retry-after']);
	// at most one burst of debt: (60 + 60) ms at 20 ms per second
	expect(Number.isInteger(retryAfterS) && retryAfterS >= 1 && retryAfterS <= 7).toBe(true);
	const body = JSON.parse(refused.body);
	expect(body.error.code).toBe('rate_limited');
	expect(body.error.message).toMatch(/[请秒]/);

	// A refusal can be marginal (a debt of a fraction of a millisecond, refilled in a few ms on a fast
	// machine), so each further refusal is asked for right after driving the client over again.
	const english = await answerWhenRefused('127.0.0.3', '/api/residences.geojson?lang=en');
	expect(english.status).toBe(429);
	expect(JSON.parse(english.body).error.message).toMatch(/too many/i);

	// the life-circle page answers with a page in the visitor's language, not a map
	const page = await answerWhenRefused('127.0.0.3', `/map?home=r:${residenceIds[0]}`, {
		accept: 'text/html'
	});
	expect(page.status).toBe(429);
	expect(page.headers['retry-after']).toBeTruthy();
	expect(page.body).toContain('<html');
	expect(page.body).toMatch(/请求过于频繁/);

	// another address, and cheap endpoints for the same address, are not affected
	expect((await getFrom('127.0.0.4', server, isochrone(0))).status).toBe(200);
	expect((await getFrom('127.0.0.3', server, '/healthz')).status).toBe(200);
	expect((await getFrom('127.0.0.3', server, '/api/communities.geojson')).status).toBe(200);

	// the budget refills: served again once Retry-After has passed
	await expect
		.poll(async () => (await getFrom('127.0.0.3', server, isochrone(1))).status, {
			timeout: 30_000,
			intervals: [500]
		})
		.toBe(200);
});

test('the life-circle page with a home spends the budget too', async () => {
	test.setTimeout(120_000);
	const refused = await spendUntilRefused(
		'127.0.0.5',
		(i) => `/map?home=r:${residenceIds[i]}&lang=en`
	);
	expect(refused.headers['retry-after']).toBeTruthy();
	expect(refused.body).toMatch(/Too many requests/);
});

test('signed-in staff and administrators are not limited', async () => {
	test.setTimeout(120_000);
	await spendUntilRefused('127.0.0.6', isochrone);
	const admin = await signedInClient('13900000099');
	const cookie = (await admin.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	await admin.dispose();
	const served = await getFrom('127.0.0.6', server, isochrone(2), { cookie });
	expect(served.status).toBe(200);
	// and what they spend does not count against the address
	for (let i = 3; i < 13; i++) {
		expect((await getFrom('127.0.0.6', server, isochrone(i), { cookie })).status).toBe(200);
	}
});
