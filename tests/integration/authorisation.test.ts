import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { accounts, roles, routes, type Outcome, type Probe, type Role } from './access-table';
import { newClient, signedInClient } from './accounts-helpers';

/** Every route id under src/routes: folders holding a page or an endpoint. */
function routeIds(dir = 'src/routes', id = ''): string[] {
	const found: string[] = [];
	const entries = readdirSync(dir);
	if (entries.some((e) => /^\+(page\.svelte|page\.server\.ts|page\.ts|server\.ts)$/.test(e))) {
		found.push(id || '/');
	}
	for (const entry of entries) {
		if (statSync(join(dir, entry)).isDirectory()) {
			// (group) folders do not appear in URLs or route ids' meaning here
			found.push(...routeIds(join(dir, entry), `${id}/${entry}`));
		}
	}
	return found;
}

test('every route is classified in the access table, and every entry is a real route', () => {
	const ids = routeIds();
	expect(ids.length).toBeGreaterThan(10);
	const unclassified = ids.filter((id) => !(id in routes));
	expect(unclassified, 'add these routes to tests/integration/access-table.ts').toEqual([]);
	const stale = Object.keys(routes).filter((id) => !ids.includes(id));
	expect(stale, 'these table entries have no route any more').toEqual([]);
});

const clients = new Map<Role, APIRequestContext>();

test.beforeAll(async () => {
	clients.set('anonymous', await newClient());
	for (const [role, phone] of Object.entries(accounts)) {
		clients.set(role as Role, await signedInClient(phone));
	}
});

test.afterAll(async () => {
	for (const client of clients.values()) await client.dispose();
});

function send(client: APIRequestContext, probe: Probe): Promise<APIResponse> {
	const method = probe.method ?? 'GET';
	const headers = probe.headers;
	if (probe.form) return client.fetch(probe.path, { method, headers, form: probe.form });
	if (probe.json !== undefined)
		return client.fetch(probe.path, { method, headers, data: probe.json });
	return client.fetch(probe.path, { method, headers });
}

function describeOutcome(response: APIResponse): Outcome {
	const location = response.headers()['location'] ?? '';
	if (response.status() === 303 && location.startsWith('/login?next=')) return 'login';
	if (response.status() === 200) return 'ok';
	return response.status();
}

for (const [id, rule] of Object.entries(routes)) {
	if (rule.access === 'public' && rule.sample) {
		const sample = rule.sample;
		test(`public ${id}: anyone may read it`, async () => {
			const response = await clients.get('anonymous')!.get(sample);
			expect(response.status()).toBe(200);
		});
	}
	if (rule.access !== 'personal') continue;
	test(`personal ${id}: each role gets exactly its access`, async () => {
		for (const probe of rule.probes) {
			for (const role of roles) {
				const expected = probe.expect[role];
				if (expected === undefined) continue;
				const response = await send(clients.get(role)!, probe);
				const label = `${probe.method ?? 'GET'} ${probe.path} as ${role}`;
				expect(describeOutcome(response), label).toBe(expected === 200 ? 'ok' : expected);
				if (probe.secret && !probe.secret.seenBy.includes(role)) {
					expect(
						await response.text(),
						`${label} must not show ${probe.secret.text}`
					).not.toContain(probe.secret.text);
				}
				if (probe.secret && probe.secret.seenBy.includes(role) && expected === 'ok') {
					expect(await response.text(), `${label} shows ${probe.secret.text}`).toContain(
						probe.secret.text
					);
				}
			}
		}
	});
}
