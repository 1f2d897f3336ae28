import { expect, test } from '@playwright/test';
import { baseURL, readDb, signedInClient } from './accounts-helpers';

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
	const header =
		'id,name,category,community,lng,lat,address,phone,opening_text,accessible_entrance,active';
	const upload = (rows: string[]) => ({
		multipart: {
			mode: 'all',
			file: {
				name: 'points.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from([header, ...rows].join('\n'))
			}
		}
	});
	// a new (inactive, so coverage figures of other tests stay) legal point, then an edit of it
	const added = await admin.post(
		'/admin/data?/servicePoints',
		upload([',缓存测试点,legal,620201001002,97.95,39.95,测试路9号,0937-6201119,,0,0'])
	);
	expect(added.status()).toBe(200);
	const db = readDb();
	const { id } = db.prepare("select id from service_point where name = '缓存测试点'").get() as {
		id: number;
	};
	db.close();

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
		upload([`${id},缓存测试点,legal,620201001002,97.95,39.95,测试路9号,0937-6201119,9-17,0,0`])
	);
	expect(edited.status()).toBe(200);
	const afterEdit = await get(path, { 'if-none-match': addedEtag });
	expect(afterEdit.status).toBe(200);
	expect(afterEdit.headers.get('etag')).not.toBe(addedEtag);
	await admin.dispose();
});
