import { expect, test, type APIRequestContext } from '@playwright/test';
import { eq, like } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { countRows } from '../support/test-server-db';
import { signedInClient, streetPlanner } from './accounts-helpers';

const { auditLog, roadEdge, servicePoint } = schema;

const adminPhone = '13900000099';
const xiongguan = '620201001'; // 雄关街道

let admin: APIRequestContext;

test.beforeAll(async () => {
	admin = await signedInClient(adminPhone);
});

test.afterAll(async () => {
	await admin.dispose();
});

test('the administrator sees every target with its value, goal and status', async () => {
	const response = await admin.get('/admin');
	expect(response.status()).toBe(200);
	const html = await response.text();
	for (const key of [
		'meal',
		'legal_urban',
		'legal_rural',
		'childcare',
		'fitness',
		'survey',
		'hours'
	]) {
		expect(html).toContain(`data-target="${key}"`);
	}
	expect(html).toContain('范围：全市');
});

test('coverage exports: CSV per community × category × speed, GeoJSON with uncovered residences', async () => {
	const csv = await (await admin.get('/admin/coverage.csv')).text();
	const lines = csv
		.replace(/^\uFEFF/, '')
		.trim()
		.split(/\r?\n/);
	expect(lines[0]).toBe(
		'community_code,community_name,street,kind,category,tier_minutes,speed,speed_mps,households,households_covered,household_share,elderly_60plus,elderly_covered,children_0_3,children_covered'
	);
	expect(lines).toHaveLength(1 + 48 * 8 * 2);
	const geojson = await (
		await admin.get('/admin/coverage.geojson?category=meal&speed=elderly')
	).json();
	const kinds = geojson.features.map((f: { properties: { kind: string } }) => f.properties.kind);
	expect(kinds.filter((k: string) => k === 'community')).toHaveLength(48);
	expect(kinds.filter((k: string) => k === 'uncovered_residence').length).toBeGreaterThan(0);
});

test('the coverage table sorts without JavaScript, and bad parameters are a 400 in the user’s language', async () => {
	const html = await (
		await admin.get('/admin/coverage?category=meal&sort=households&dir=desc')
	).text();
	const households = [
		...html.matchAll(/<tr data-community="\d+"[^>]*>[\s\S]*?<td class="number[^"]*">(\d+)<\/td>/g)
	].map((match) => Number(match[1]));
	expect(households.length).toBe(48);
	expect([...households].sort((a, b) => b - a)).toEqual(households);
	expect((await admin.get('/admin/coverage?category=nope')).status()).toBe(400);
	const bad = await admin.get('/admin/what-if?lng=500&lat=1&lang=en');
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('lat must be between');
	// back to Chinese for the other tests of this client
	await admin.get('/admin?lang=zh-CN');
});

test('what-if and best sites answer without saving anything', async () => {
	const before = await countRows(servicePoint);
	const html = await (await admin.get('/admin/what-if?category=meal&residence=10')).text();
	expect(html).toContain('data-testid="what-if-result"');
	const suggested = await (await admin.get('/admin/what-if?category=childcare&suggest=3')).text();
	expect(suggested).toContain('data-testid="suggestions"');
	expect(await countRows(servicePoint)).toBe(before);
});

test('street-level staff see their street only, and no data management', async () => {
	const street = await streetPlanner(admin, xiongguan);
	const overview = await street.get('/admin');
	expect(overview.status()).toBe(200);
	expect(await overview.text()).toContain('范围：雄关街道');
	const csv = (await (await street.get('/admin/coverage.csv')).text()).trim().split(/\r?\n/);
	const streets = new Set(csv.slice(1).map((line) => line.split(',')[2]));
	expect([...streets]).toEqual(['雄关街道']);
	expect(csv.length).toBeLessThan(1 + 48 * 8 * 2);
	expect((await street.get('/admin/what-if?category=meal&suggest=2')).status()).toBe(200);
	expect((await street.get('/admin/data')).status()).toBe(403);
	expect((await street.get('/admin/service-points.csv')).status()).toBe(403);
	await street.dispose();
});

const header =
	'id,name,category,community,lng,lat,address,phone,opening_text,accessible_entrance,active';
const csvFile = [
	header,
	',导入测试点甲,legal,620201001002,97.95,39.95,测试路1号,0937-6201111,09:00-17:00,1,1',
	',导入测试点坏,nosuch,620201001002,97.95,39.95,测试路2号,0937-6201112,,1,1',
	',导入测试点乙,legal,620201001003,97.96,39.96,测试路3号,0937-6201113,,0,1'
].join('\n');
const upload = (mode: string, text = csvFile, name = 'points.csv') => ({
	multipart: { mode, file: { name, mimeType: 'text/csv', buffer: Buffer.from(text) } }
});

test('service point import: all-or-nothing writes nothing, good-rows-in writes the good rows', async () => {
	const named = () => countRows(servicePoint, like(servicePoint.name, '导入测试点%'));
	const audits = () => countRows(auditLog, eq(auditLog.entity, 'service_point'));
	const auditsBefore = await audits();
	const refused = await admin.post('/admin/data?/servicePoints', upload('all'));
	expect(refused.status()).toBe(400);
	const refusedHtml = await refused.text();
	expect(refusedHtml).toContain('没有导入任何数据');
	expect(refusedHtml).toContain('第 3 行');
	expect(await named()).toBe(0);
	expect(await audits()).toBe(auditsBefore);

	const accepted = await admin.post('/admin/data?/servicePoints', upload('partial'));
	expect(accepted.status()).toBe(200);
	const html = await accepted.text();
	expect(html).toContain('新增 2 行');
	expect(html).toContain('category 不存在：nosuch');
	expect(await named()).toBe(2);
	expect(await audits()).toBe(auditsBefore + 1);
});

test('bad import files are a 400 with a message and change nothing', async () => {
	const edges = await countRows(roadEdge);
	const network = await admin.post(
		'/admin/data?/network',
		upload('all', '<osm><nothing/></osm>', 'roads.osm')
	);
	expect(network.status()).toBe(400);
	expect(await network.text()).toContain('无法读取路网文件');
	expect(await countRows(roadEdge)).toBe(edges);
	const missing = await admin.post(
		'/admin/data?/residences',
		upload('partial', 'name,lng\n甲,98', 'r.csv')
	);
	expect(missing.status()).toBe(400);
	expect(await missing.text()).toContain('缺少列');
	const empty = await admin.post('/admin/data?/servicePoints', {
		multipart: { mode: 'partial' }
	});
	expect(empty.status()).toBe(400);
});
