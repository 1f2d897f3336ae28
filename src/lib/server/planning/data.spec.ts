import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createFixture } from '../testing/booking';
import { transaction, type Db } from '../db';
import { auditLog, residence, roadEdge, servicePoint } from '../db/schema';
import { importServicePoints, servicePointsCsv } from './service-points-data';
import { importResidences } from './residences-data';
import { importNetwork } from './network-data';
import { parseCsv, parseGeoJsonRows } from './import-rows';
import { servicePointRequired } from './data-columns';

const header =
	'id,name,category,community,lng,lat,address,phone,opening_text,accessible_entrance,active';
const file = [
	header,
	',新点位甲,meal,620201001001,98.29,39.80,测试路2号,0937-6200009,11:00-13:00,1,1',
	',坏行一,nosuch,620201001001,98.29,39.80,测试路3号,0937-6200009,,,', // unknown category
	',新点位乙,meal,620201001002,98.30,39.81,测试路4号,09376200010,,0,',
	',坏行二,meal,620201001001,200,39.80,,0937,,maybe,' // lng, address, phone, flag
].join('\n');

async function counts(db: Db) {
	const [points] = await db.select({ n: count() }).from(servicePoint);
	const [audits] = await db
		.select({ n: count() })
		.from(auditLog)
		.where(eq(auditLog.entity, 'service_point'));
	return { points: points.n, audits: audits.n };
}

describe('service point import', () => {
	it('puts the good rows in and reports each bad row with all its problems', async () => {
		const { db, adminId } = await createFixture(1);
		const before = await counts(db);
		const parsed = parseCsv(file, servicePointRequired);
		expect(parsed.ok).toBe(true);
		const report = await importServicePoints(db, adminId, parsed.ok ? parsed.rows : [], 'partial');
		expect(report).toMatchObject({ written: true, inserted: 2, updated: 0 });
		expect(report.rejected.map((r) => r.line)).toEqual([3, 5]);
		expect(report.rejected[0].errors).toHaveLength(1);
		expect(report.rejected[1].errors.length).toBeGreaterThanOrEqual(4);
		expect(await counts(db)).toEqual({ points: before.points + 2, audits: before.audits + 1 });
		const [added] = await db.select().from(servicePoint).where(eq(servicePoint.name, '新点位甲'));
		expect(added).toMatchObject({ accessibleEntrance: true, active: true, categoryCode: 'meal' });
	});

	it('writes nothing at all when the user chooses all-or-nothing and a row is bad', async () => {
		const { db, adminId } = await createFixture(1);
		const before = await counts(db);
		const parsed = parseCsv(file, servicePointRequired);
		const report = await importServicePoints(db, adminId, parsed.ok ? parsed.rows : [], 'all');
		expect(report).toMatchObject({ written: false, inserted: 0, updated: 0 });
		expect(report.rejected).toHaveLength(2);
		expect(await counts(db)).toEqual(before);
	});

	it('round-trips its own export: an id updates that point', async () => {
		const { db, adminId, pointId } = await createFixture(1);
		const exported = (await servicePointsCsv(db)).replace(/^\uFEFF/, '');
		const renamed = exported.replace(/\n(\d+),[^,]*,/, (_, id) => `\n${id},改名的点位,`);
		const parsed = parseCsv(renamed, servicePointRequired);
		const report = await importServicePoints(db, adminId, parsed.ok ? parsed.rows : [], 'all');
		expect(report).toMatchObject({ written: true, inserted: 0, rejected: [] });
		expect(report.updated).toBeGreaterThan(0);
		const [point] = await db.select().from(servicePoint).where(eq(servicePoint.id, pointId));
		expect(point.name).toBe('改名的点位');
	});

	it('refuses a file without the required columns', () => {
		const parsed = parseCsv('name,lng\n甲,98', servicePointRequired);
		expect(parsed.ok).toBe(false);
	});
});

describe('residence and network import', () => {
	it('reads GeoJSON points and rejects inconsistent counts', async () => {
		const { db, adminId } = await createFixture(1);
		const feature = (name: string, households: number, residents: number) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [98.29, 39.8] },
			properties: {
				name,
				community: '620201001001',
				households,
				residents,
				elderly_60plus: 1,
				children_0_3: 0
			}
		});
		const text = JSON.stringify({
			type: 'FeatureCollection',
			features: [feature('甲楼', 10, 25), feature('乙楼', 30, 20)]
		});
		const parsed = parseGeoJsonRows(text);
		const report = await importResidences(db, adminId, parsed.ok ? parsed.rows : [], 'partial');
		expect(report).toMatchObject({ written: true, inserted: 1 });
		expect(report.rejected.map((r) => r.line)).toEqual([3]);
		expect(await db.select().from(residence).where(eq(residence.name, '甲楼'))).toHaveLength(1);
		expect(await db.select().from(residence).where(eq(residence.name, '乙楼'))).toHaveLength(0);
	});

	it('keeps the old network when the file cannot be read, and replaces it (audited) when it can', async () => {
		const { db, adminId } = await createFixture(1);
		await transaction(db, (tx) =>
			tx.insert(roadEdge).values({
				kind: 'old',
				coordinates: [
					[98.29, 39.8],
					[98.3, 39.8]
				]
			})
		);
		const kinds = async () => (await db.select().from(roadEdge)).map((e) => e.kind);
		expect((await importNetwork(db, adminId, '{"type":"Nonsense"}', 'bad.geojson')).ok).toBe(false);
		expect(await kinds()).toEqual(['old']);
		const lines = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: {},
					geometry: {
						type: 'LineString',
						coordinates: [
							[98.29, 39.8],
							[98.291, 39.8],
							[98.292, 39.801]
						]
					}
				}
			]
		};
		expect(await importNetwork(db, adminId, JSON.stringify(lines), 'good.geojson')).toEqual({
			ok: true,
			lines: 1
		});
		expect(await kinds()).toEqual(['imported']);
		expect(await db.select().from(auditLog).where(eq(auditLog.entity, 'road_edge'))).toHaveLength(
			1
		);
	});
});
