import { expect, test, type APIRequestContext } from '@playwright/test';
import { asc, like } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { haversineM } from '../../src/lib/geo/projection';
import { withServerDb } from '../support/test-server-db';
import { expectApiRefusal, signedInClient } from './accounts-helpers';

/**
 * Imports as files come in China (issue 20, item 8): a CSV that Excel saved as GB18030, with
 * coordinates read off Baidu (BD-09) or AMap (GCJ-02), stored as WGS84. The known point is the
 * published one (wandergis/coordtransform and its ports): (116.404, 39.915) read as BD-09 is WGS84
 * (116.3913837, 39.9072532), read as GCJ-02 (116.3977555, 39.9135957). The points are imported
 * inactive (in Beijing, far from the demo city), so no coverage figure of another test moves.
 */
const shengli = '620201001002';
const marker = String(Date.now() % 1_000_000);
const known = [116.404, 39.915];
const fromBd09 = [116.3913836995125, 39.907253214522164];
const fromGcj02 = [116.39775550083061, 39.91359571849836];

/** GB18030 bytes of the Chinese in these files (written by Python's codec, not the server's). */
const gb18030: Record<string, string> = {
	百度测试点: 'b0d9b6c8b2e2cad4b5e3',
	高德测试点: 'b8dfb5c2b2e2cad4b5e3',
	测试路1号: 'b2e2cad4c2b731bac5'
};

function gbkCsv(name: keyof typeof gb18030, point: number[]): Buffer {
	const parts = [
		Buffer.from(
			'id,name,category,community,lng,lat,address,phone,opening_text,accessible_entrance,active\r\n,'
		),
		Buffer.from(gb18030[name], 'hex'),
		Buffer.from(`${marker},legal,${shengli},${point[0]},${point[1]},`),
		Buffer.from(gb18030['测试路1号'], 'hex'),
		Buffer.from(',0937-6201111,,1,0\r\n')
	];
	return Buffer.concat(parts);
}

const { servicePoint } = schema;

function pointsNamed(name: string) {
	return withServerDb((db) =>
		db
			.select({
				name: servicePoint.name,
				address: servicePoint.address,
				lng: servicePoint.lng,
				lat: servicePoint.lat
			})
			.from(servicePoint)
			.where(like(servicePoint.name, `${name}${marker}`))
			.orderBy(asc(servicePoint.id))
	);
}

let admin: APIRequestContext;

test.beforeAll(async () => {
	admin = await signedInClient('13900000099');
});

test.afterAll(async () => {
	await admin.dispose();
});

test('a GB18030 CSV with BD-09 coordinates imports with its Chinese intact and the point in WGS84 within 1 m', async () => {
	const file = gbkCsv('百度测试点', known);
	expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file), 'not UTF-8').toThrow();
	const response = await admin.post('/admin/data?/servicePoints', {
		multipart: {
			mode: 'partial',
			coordinates: 'bd09',
			file: { name: 'points.csv', mimeType: 'text/csv', buffer: file }
		}
	});
	expect(response.status(), (await response.text()).slice(0, 300)).toBe(200);
	const [point] = await pointsNamed('百度测试点');
	expect(point.address).toBe('测试路1号');
	expect(haversineM(point.lng, point.lat, fromBd09[0], fromBd09[1])).toBeLessThan(1);
});

test('the piece-by-piece import reads GB18030 and converts GCJ-02 too', async () => {
	const file = gbkCsv('高德测试点', known);
	const started = await admin.post('/admin/data/uploads', {
		headers: { 'content-type': 'application/json' },
		data: {
			kind: 'servicePoints',
			name: 'amap.csv',
			mode: 'partial',
			size: file.length,
			coordinates: 'gcj02'
		}
	});
	expect(started.status()).toBe(201);
	const { id } = (await started.json()) as { id: string };
	const sent = await admin.put(`/admin/data/uploads/${id}?offset=0`, {
		headers: { 'content-type': 'application/octet-stream' },
		data: file
	});
	expect(sent.status()).toBe(200);
	expect((await admin.post(`/admin/data/uploads/${id}`)).status()).toBe(202);
	await expect
		.poll(
			async () =>
				((await (await admin.get(`/admin/data/uploads/${id}`)).json()) as { state: string }).state
		)
		.toBe('done');
	const [point] = await pointsNamed('高德测试点');
	expect(point.address).toBe('测试路1号');
	expect(haversineM(point.lng, point.lat, fromGcj02[0], fromGcj02[1])).toBeLessThan(1);
});

test('an unknown coordinate system or a file that is not text is a 400 in Chinese, nothing written', async () => {
	const before = await pointsNamed('%');
	const unknown = await admin.post('/admin/data?/servicePoints', {
		multipart: {
			mode: 'partial',
			coordinates: 'mercator',
			file: { name: 'points.csv', mimeType: 'text/csv', buffer: gbkCsv('百度测试点', known) }
		}
	});
	expect(unknown.status()).toBe(400);
	expect(await unknown.text()).toContain('坐标系只能是 WGS84、GCJ-02 或 BD-09');
	const binary = await admin.post('/admin/data?/servicePoints', {
		multipart: {
			mode: 'partial',
			coordinates: 'wgs84',
			file: {
				name: 'points.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from([0x69, 0x64, 0xff, 0x81, 0x20])
			}
		}
	});
	expect(binary.status()).toBe(400);
	expect(await binary.text()).toContain('无法识别文件的文字编码');
	await expectApiRefusal(
		await admin.post('/admin/data/uploads', {
			headers: { 'content-type': 'application/json' },
			data: {
				kind: 'servicePoints',
				name: 'a.csv',
				mode: 'all',
				size: 10,
				coordinates: 'EPSG:3857'
			}
		}),
		400,
		'invalid_input'
	);
	expect(await pointsNamed('%')).toEqual(before);
});
