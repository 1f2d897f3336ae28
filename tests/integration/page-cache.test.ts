import { expect, test } from '@playwright/test';
import { baseURL, readDb, signedInClient } from './accounts-helpers';

/**
 * The public pages keep what depends only on public data (a service point's details, the map's list,
 * the home page's counts) in memory under the public data version: an administrator's change to a
 * service point must show on the next view, not when the cache happens to be dropped.
 */
test.describe.configure({ mode: 'serial' });

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

async function html(path: string): Promise<string> {
	const response = await fetch(baseURL + path);
	expect(response.status, path).toBe(200);
	return response.text();
}

test('a service point changed by an administrator shows changed on its page and in the map list', async () => {
	const admin = await signedInClient('13900000099');
	// inactive, so that no other test's counts or coverage move
	const added = await admin.post(
		'/admin/data?/servicePoints',
		upload([',页面缓存测试点,legal,620201001002,97.95,39.95,测试路7号,0937-6201117,周一 9-12,0,0'])
	);
	expect(added.status()).toBe(200);
	const db = readDb();
	const { id } = db.prepare("select id from service_point where name = '页面缓存测试点'").get() as {
		id: number;
	};
	db.close();

	const page = `/service-points/${id}`;
	for (let i = 0; i < 2; i++) {
		const before = await html(page);
		expect(before).toContain('页面缓存测试点');
		expect(before).toContain('周一 9-12');
	}

	const edited = await admin.post(
		'/admin/data?/servicePoints',
		upload([
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
		upload([
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
		upload([
			`${id},页面缓存测试点（新址）,legal,620201001002,97.95,39.95,测试路8号,0937-6201117,周二 14-17,1,0`
		])
	);
	expect(deactivated.status()).toBe(200);
	expect(await html(listPath)).not.toContain('页面缓存测试点');
	await admin.dispose();
});
