import { expect, test } from '@playwright/test';
import type { RunningServer } from '../support/server';
import { getFrom, startExtraServer, type Answer } from './extra-server';

/**
 * /metrics is read by the addresses on METRICS_ALLOW (default 127.0.0.1 and ::1) and by signed-in
 * administrators (access-table.ts probes those). Servers listen on 127.0.0.2; requests leave from
 * 127.0.0.1 (listed) or 127.0.0.3 (loopback, but not listed: a stand-in for any other address).
 */
test.describe.configure({ mode: 'serial' });

const servers: RunningServer[] = [];
test.afterAll(async () => {
	await Promise.all(servers.map((server) => server.stop()));
});

const metricsText = 'lifecircle_http_requests_total';

/** An anonymous caller who may not read the metrics is sent to sign in (as an administrator). */
function expectRefused(answer: Answer, what = '') {
	expect(answer.status, what).toBe(303);
	expect(answer.headers.location, what).toMatch(/^\/login\?next=%2Fmetrics/);
	expect(answer.body).not.toContain(metricsText);
}

test('by default only 127.0.0.1 and ::1 read /metrics; a forged X-Forwarded-For does not help', async () => {
	test.setTimeout(90_000);
	const server = await startExtraServer('127.0.0.2', {});
	servers.push(server);
	const listed = await getFrom('127.0.0.1', server, '/metrics');
	expect(listed.status).toBe(200);
	expect(listed.body).toContain(metricsText);

	expectRefused(await getFrom('127.0.0.3', server, '/metrics'));

	for (const spoof of ['127.0.0.1', '::1']) {
		const forged = await getFrom('127.0.0.3', server, '/metrics', { 'x-forwarded-for': spoof });
		expectRefused(forged, `X-Forwarded-For: ${spoof}`);
	}
	// a proxy on this machine relaying a public request (the server does not read its header)
	expectRefused(
		await getFrom('127.0.0.1', server, '/metrics', { 'x-forwarded-for': '203.0.113.7' })
	);
});

test('METRICS_ALLOW names the scrapers; behind a proxy the forwarded address is judged', async () => {
	test.setTimeout(90_000);
	const server = await startExtraServer('127.0.0.2', {
		METRICS_ALLOW: '127.0.0.3/32, 10.20.0.0/16',
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1'
	});
	servers.push(server);
	// the proxy (on 127.0.0.1) appends the address it saw; a client's own entries come before it
	const through = (forwarded: string) =>
		getFrom('127.0.0.1', server, '/metrics', { 'x-forwarded-for': forwarded });
	expect((await through('10.20.3.4')).status).toBe(200);
	expect((await through('127.0.0.3')).status).toBe(200);
	expectRefused(await through('127.0.0.1'), 'the proxy itself is not listed');
	expectRefused(await through('10.20.3.4, 203.0.113.7'), 'a forged entry before the real one');
	expect((await through('::ffff:10.20.9.9')).status).toBe(200);
});

test('WORKERS=2: the workers answer /metrics under the same rule (every worker, listed callers only)', async () => {
	test.setTimeout(180_000);
	const server = await startExtraServer('127.0.0.2', {}, 2);
	servers.push(server);
	expectRefused(await getFrom('127.0.0.3', server, '/metrics'));
	expectRefused(await getFrom('127.0.0.3', server, '/metrics', { 'x-forwarded-for': '127.0.0.1' }));
	const listed = await getFrom('127.0.0.1', server, '/metrics');
	expect(listed.status).toBe(200);
	const workers = new Set(listed.body.match(/worker="[^"]+"/g));
	expect(workers.size).toBe(2);
	// a few connections more (each goes to the next worker): none of them lets the outsider in
	for (let i = 0; i < 4; i++) expectRefused(await getFrom('127.0.0.3', server, '/metrics'));
});
