import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';
import { newClient, signedInClient } from './accounts-helpers';

const { resource } = schema;

/**
 * 服务资源清单 over HTTP: 胜利社区's staff add a resource (shown on the community page as text);
 * 五一社区's staff cannot add to or remove from 胜利社区's list, and nothing is written.
 */

const shengli = '620201001002';
const name = `<b>夜间停车场</b> ${Date.now() % 100000}`;
let staff: APIRequestContext;
let otherStaff: APIRequestContext;
let anonymous: APIRequestContext;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	staff = await signedInClient('13900000011');
	otherStaff = await signedInClient('13900000012');
	anonymous = await newClient();
});

test.afterAll(async () => {
	for (const c of [staff, otherStaff, anonymous]) await c.dispose();
});

const form = {
	community: shengli,
	name,
	kind: 'parking',
	owner: '=HYPERLINK("http://x")',
	openingText: '18:00—8:00',
	contact: '0937-6200199'
};

test('another community’s staff are refused, nothing written', async () => {
	const before = await countRows(resource);
	const refused = await otherStaff.post('/staff/resources?/add', { form });
	expect(refused.status()).toBe(403);
	const badInput = await otherStaff.post('/staff/resources?/add', { form: { ...form, name: '' } });
	expect(badInput.status()).toBe(403);
	expect(await countRows(resource)).toBe(before);
});

test('its own staff add it; the community page shows it as text; only they remove it', async () => {
	const added = await staff.post('/staff/resources?/add', { form });
	expect(added.status()).toBe(200);
	const [row] = await withServerDb((db) =>
		db.select().from(resource).where(eq(resource.name, name)).limit(1)
	);
	expect(row).toMatchObject({ communityCode: shengli, kind: 'parking', active: true });
	const page = await (await anonymous.get(`/communities/${shengli}`)).text();
	expect(page).toContain('&lt;b>夜间停车场&lt;/b>');
	expect(page).not.toContain('<b>夜间停车场</b>');

	const refused = await otherStaff.post('/staff/resources?/remove', {
		form: { resourceId: String(row.id) }
	});
	expect(refused.status()).toBe(403);
	expect(await countRows(resource, and(eq(resource.id, row.id), eq(resource.active, true)))).toBe(
		1
	);
	const removed = await staff.post('/staff/resources?/remove', {
		form: { resourceId: String(row.id) }
	});
	expect(removed.status()).toBe(200);
	expect(await countRows(resource, and(eq(resource.id, row.id), eq(resource.active, true)))).toBe(
		0
	);
});
