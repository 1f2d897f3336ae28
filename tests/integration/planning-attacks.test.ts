import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	expectApiRefusal,
	newClient,
	registerResident,
	signedInClient,
	streetPlanner
} from './accounts-helpers';

/**
 * The planning view's new answers attacked: /api/homes by tile (malformed tiles, other roles, a
 * narrower scope, an administrator's ETag replayed by street staff), ?bbox= on the residences
 * layer, and the exports cached per version right after a data change (the engine rebuilds in the
 * background: an answer built meanwhile must not stay cached under the new data).
 */
test.describe.configure({ mode: 'serial' });

const xiongguan = '620201001'; // 雄关街道
const community = '620201001002'; // one of its communities
/** a zoom-9 tile that holds the whole demo city */
const city = { z: 9, x: 395, y: 194 };

let admin: APIRequestContext;
let street: APIRequestContext;

test.beforeAll(async () => {
	admin = await signedInClient('13900000099');
	street = await streetPlanner(admin, xiongguan);
});

test.afterAll(async () => {
	await admin.dispose();
	await street.dispose();
});

const refusal = expectApiRefusal;

const tile = (query: string) => `/api/homes?category=meal&which=all&${query}`;

test('/api/homes: malformed or out-of-range tiles are a 400 in the user’s language', async () => {
	for (const query of [
		'z=-1&x=0&y=0',
		'z=1.5&x=0&y=0',
		'z=abc&x=0&y=0',
		'z=8&x=0&y=0',
		'z=19&x=0&y=0',
		'z=99999999999999999999&x=0&y=0',
		'z=9&x=-1&y=0',
		'z=9&x=512&y=0',
		'z=9&x=0&y=512',
		'z=9&x=0x10&y=0',
		'z=9&x=1e2&y=0',
		'z=9&x=%201&y=0',
		`z=9&x=${'9'.repeat(400)}&y=0`,
		'z=9&x=0&y=0&speed=fast'
	])
		await refusal(await admin.get(tile(query)), 400, 'invalid_input');
	await refusal(await admin.get('/api/homes?which=everything&z=9&x=0&y=0'), 400, 'invalid_input');
	await refusal(await admin.get('/api/homes?category=nope&z=9&x=0&y=0'), 400, 'invalid_input');
});

test('/api/homes: a resident, community staff and a visitor get nothing', async () => {
	const { client: resident } = await registerResident();
	const staff = await signedInClient('13900000011');
	const visitor = await newClient();
	const query = tile(`z=${city.z}&x=${city.x}&y=${city.y}`);
	for (const [client, status] of [
		[resident, 403],
		[staff, 403]
	] as const) {
		const answer = await client.get(query, { headers: { accept: 'application/json' } });
		expect(answer.status()).toBe(status);
		expect(await answer.text()).not.toContain('"total"');
	}
	const anonymous = await visitor.get(query, { headers: { accept: 'application/json' } });
	expect([401, 303]).toContain(anonymous.status());
	expect(await anonymous.text()).not.toContain('"total"');
	await Promise.all([resident.dispose(), staff.dispose(), visitor.dispose()]);
});

test('/api/homes: street staff see their street only, also when they replay an administrator’s ETag', async () => {
	const query = tile(`z=${city.z}&x=${city.x}&y=${city.y}`);
	const whole = await admin.get(query);
	expect(whole.status()).toBe(200);
	const etag = whole.headers().etag;
	expect(etag).toBeTruthy();
	const all = (await whole.json()) as { total: number };

	const replayed = await street.get(query, { headers: { 'if-none-match': etag } });
	expect(replayed.status()).toBe(200);
	expect(replayed.headers().etag).not.toBe(etag);
	const mine = (await replayed.json()) as { total: number };
	expect(mine.total).toBeGreaterThan(0);
	expect(mine.total).toBeLessThan(all.total);
	// and their own ETag is theirs: a 304 without a body
	const again = await street.get(query, { headers: { 'if-none-match': replayed.headers().etag } });
	expect(again.status()).toBe(304);
	// the same for the exports
	for (const path of ['/admin/coverage.csv', '/admin/coverage.geojson?category=meal']) {
		const adminAnswer = await admin.get(path);
		const staffAnswer = await street.get(path, {
			headers: { 'if-none-match': adminAnswer.headers().etag }
		});
		expect(staffAnswer.status(), path).toBe(200);
		expect((await staffAnswer.body()).length).toBeLessThan((await adminAnswer.body()).length);
		expect(staffAnswer.headers()['cache-control']).toContain('private');
	}
	const points = await street.get('/admin/service-points.csv');
	expect(points.status()).toBe(403);
	expect(await points.text()).not.toContain('phone');
});

test('?bbox= on the residences layer: malformed, inverted or out of range is a 400', async () => {
	const visitor = await newClient();
	for (const bbox of [
		',,,',
		'1,2,3',
		'1,2,3,4,5',
		'5,5,1,1',
		'-181,0,0,1',
		'0,-91,1,0',
		'0x10,0,20,1',
		'1e1,0,20,1',
		' 1,0,20,1',
		'NaN,0,1,1',
		'Infinity,0,1,1',
		`${'1'.repeat(400)},0,1,1`
	])
		await refusal(
			await visitor.get(`/api/residences.geojson?bbox=${encodeURIComponent(bbox)}`),
			400,
			'invalid_input'
		);
	// the whole world is the whole city, answered like no bbox at all
	const world = await visitor.get('/api/residences.geojson?bbox=-180,-90,180,90');
	const none = await visitor.get('/api/residences.geojson');
	expect(((await world.json()) as { features: unknown[] }).features.length).toBe(
		((await none.json()) as { features: unknown[] }).features.length
	);
	await visitor.dispose();
});

/** households of the community in the coverage export (meal, standard speed) */
async function exportedHouseholds(etag?: string): Promise<{ households: number; etag: string }> {
	const answer = await admin.get('/admin/coverage.csv', {
		headers: etag ? { 'if-none-match': etag } : {}
	});
	if (answer.status() === 304) return { households: -1, etag: etag! };
	const row = (await answer.text())
		.split(/\r?\n/)
		.map((line) => line.split(','))
		.find((cells) => cells[0] === community && cells[4] === 'meal' && cells[6] === 'standard');
	return { households: Number(row![8]), etag: answer.headers().etag };
}

test('the coverage export asked for during the rebuild after an import shows the import once rebuilt', async () => {
	test.setTimeout(120_000);
	const before = await exportedHouseholds();
	const csv = [
		'name,community,lng,lat,households,residents,elderly_60plus,children_0_3',
		`攻击测试小区,${community},98.281,39.781,37,80,10,2`
	].join('\n');
	const imported = await admin.post('/admin/data?/residences', {
		multipart: {
			mode: 'all',
			file: { name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }
		}
	});
	expect(imported.status()).toBe(200);
	// at once: the engine may still be the old one (it rebuilds in the background)
	let seen = await exportedHouseholds();
	// then, as a browser would, with the ETag it holds: it must move once the new engine answers
	await expect
		.poll(
			async () => {
				const next = await exportedHouseholds(seen.etag);
				if (next.households >= 0) seen = next;
				return seen.households;
			},
			{ timeout: 90_000 }
		)
		.toBe(before.households + 37);
});
