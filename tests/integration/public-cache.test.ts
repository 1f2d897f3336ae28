import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { baseURL, signedInClient } from './accounts-helpers';

/** The id of the service point a test added under this name. */
async function pointNamed(name: string): Promise<number> {
	const { servicePoint } = schema;
	const [point] = await withServerDb((db) =>
		db.select({ id: servicePoint.id }).from(servicePoint).where(eq(servicePoint.name, name))
	);
	return point.id;
}

/**
 * Public answers that change only with the data carry an ETag derived from the data's fingerprint:
 * a repeat with If-None-Match is a 304 without a body, and a change to the data (here an
 * administrator's service point import) gives a new ETag.
 */
test.describe.configure({ mode: 'serial' });

const cacheable = [
	'/api/residences.geojson',
	'/api/residences.geojson?community=620201001002',
	'/api/service-points.geojson?category=meal',
	'/api/coverage/summary',
	'/api/isochrone?lat=39.7731&lng=98.2894&minutes=10&speed=elderly'
];

/** An administrator's service point import (admin/data), as a CSV file. */
const pointsHeader =
	'id,name,category,community,lng,lat,address,phone,opening_text,accessible_entrance,active';
const pointsCsv = (rows: string[]) => ({
	multipart: {
		mode: 'all',
		file: {
			name: 'points.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([pointsHeader, ...rows].join('\n'))
		}
	}
});

async function get(path: string, headers: Record<string, string> = {}) {
	return fetch(baseURL + path, { headers: { 'accept-encoding': 'gzip', ...headers } });
}

test('a repeat with If-None-Match is answered 304 without a body', async () => {
	for (const path of cacheable) {
		const first = await get(path);
		expect(first.status, path).toBe(200);
		const etag = first.headers.get('etag');
		expect(etag, path).toMatch(/^W\/"[\w-]+"$/);
		expect(first.headers.get('cache-control'), path).toMatch(/^public\b/);
		await first.arrayBuffer();

		const repeat = await get(path, { 'if-none-match': etag as string });
		expect(repeat.status, path).toBe(304);
		expect(repeat.headers.get('etag')).toBe(etag);
		expect((await repeat.arrayBuffer()).byteLength).toBe(0);
	}
	// another query is another answer
	const [all, one] = await Promise.all([cacheable[0], cacheable[1]].map((path) => get(path)));
	expect(all.headers.get('etag')).not.toBe(one.headers.get('etag'));
});

test('an administrator editing a service point changes the ETags', async () => {
	const path = '/api/service-points.geojson?category=legal';
	const before = await get(path);
	const etag = before.headers.get('etag') as string;
	const summaryEtag = (await get('/api/coverage/summary')).headers.get('etag') as string;

	const admin = await signedInClient('13900000099');
	// a new (inactive, so coverage figures of other tests stay) legal point, then an edit of it
	const added = await admin.post(
		'/admin/data?/servicePoints',
		pointsCsv([',缓存测试点,legal,620201001002,97.95,39.95,测试路9号,0937-6201119,,0,0'])
	);
	expect(added.status()).toBe(200);
	const id = await pointNamed('缓存测试点');

	const afterAdd = await get(path, { 'if-none-match': etag });
	expect(afterAdd.status).toBe(200);
	const addedEtag = afterAdd.headers.get('etag') as string;
	expect(addedEtag).not.toBe(etag);
	// the summary is the engine's answer: its ETag moves when the engine rebuilt in the background
	// has been swapped in (until then the old engine answers, under its own version)
	await expect
		.poll(async () => (await get('/api/coverage/summary')).headers.get('etag'))
		.not.toBe(summaryEtag);

	const edited = await admin.post(
		'/admin/data?/servicePoints',
		pointsCsv([`${id},缓存测试点,legal,620201001002,97.95,39.95,测试路9号,0937-6201119,9-17,0,0`])
	);
	expect(edited.status()).toBe(200);
	const afterEdit = await get(path, { 'if-none-match': addedEtag });
	expect(afterEdit.status).toBe(200);
	expect(afterEdit.headers.get('etag')).not.toBe(addedEtag);
	await admin.dispose();
});

async function html(path: string): Promise<string> {
	const response = await fetch(baseURL + path);
	expect(response.status, path).toBe(200);
	return response.text();
}

/**
 * The public pages keep what depends only on public data (a service point's details, the map's list,
 * the home page's counts) in memory under the public data version: an administrator's change to a
 * service point shows on the next view. (In this file, which runs in order, so that its changes do
 * not race the 304 check above.)
 */
test('a service point changed by an administrator shows changed on its page and in the map list', async () => {
	const admin = await signedInClient('13900000099');
	// inactive, so that no other test's counts or coverage move
	const added = await admin.post(
		'/admin/data?/servicePoints',
		pointsCsv([
			',页面缓存测试点,legal,620201001002,97.95,39.95,测试路7号,0937-6201117,周一 9-12,0,0'
		])
	);
	expect(added.status()).toBe(200);
	const id = await pointNamed('页面缓存测试点');

	const page = `/service-points/${id}`;
	for (let i = 0; i < 2; i++) {
		const before = await html(page);
		expect(before).toContain('页面缓存测试点');
		expect(before).toContain('周一 9-12');
	}

	const edited = await admin.post(
		'/admin/data?/servicePoints',
		pointsCsv([
			`${id},页面缓存测试点（新址）,legal,620201001002,97.95,39.95,测试路8号,0937-6201117,周二 14-17,1,0`
		])
	);
	expect(edited.status()).toBe(200);
	const after = await html(page);
	expect(after).toContain('页面缓存测试点（新址）');
	expect(after).toContain('测试路8号');
	expect(after).toContain('周二 14-17');
	expect(after).not.toContain('周一 9-12');

	// made active: the community's map list and its page list it, the home page counts it
	const listPath = '/map?community=620201001002&category=legal';
	const homeBefore = await html('/');
	expect(await html(listPath)).not.toContain('页面缓存测试点');
	const activated = await admin.post(
		'/admin/data?/servicePoints',
		pointsCsv([
			`${id},页面缓存测试点（新址）,legal,620201001002,97.95,39.95,测试路8号,0937-6201117,周二 14-17,1,1`
		])
	);
	expect(activated.status()).toBe(200);
	expect(await html(listPath)).toContain('页面缓存测试点（新址）');
	expect(await html('/communities/620201001002')).toContain('页面缓存测试点（新址）');
	expect(await html('/')).not.toBe(homeBefore);

	// inactive again (other tests' figures stay as they were)
	const deactivated = await admin.post(
		'/admin/data?/servicePoints',
		pointsCsv([
			`${id},页面缓存测试点（新址）,legal,620201001002,97.95,39.95,测试路8号,0937-6201117,周二 14-17,1,0`
		])
	);
	expect(deactivated.status()).toBe(200);
	expect(await html(listPath)).not.toContain('页面缓存测试点');
	await admin.dispose();
});
