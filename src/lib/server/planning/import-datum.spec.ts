import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fromWgs84, haversineM, type LngLat } from '$lib/geo';
import { createFixture } from '../testing/booking';
import { residence, roadEdge } from '../db/schema';
import { importResidences } from './residences-data';
import { importNetwork } from './network-data';
import { parseGeoJsonRows } from './import-rows';

/**
 * Imports in GCJ-02 or BD-09 (issue 20, item 8) are stored in WGS84: a home at a known place in
 * Jiayuguan, given as AMap or Baidu would show it, lands back on that place; a bad coordinate is
 * reported as it was typed, never converted into a plausible-looking one.
 */
const home: LngLat = [98.2899, 39.7726];

function homes(points: LngLat[]) {
	return JSON.stringify({
		type: 'FeatureCollection',
		features: points.map((coordinates, i) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates },
			properties: {
				name: `坐标楼${i}`,
				community: '620201001001',
				households: 10,
				residents: 25,
				elderly_60plus: 1,
				children_0_3: 0
			}
		}))
	});
}

describe('imports in GCJ-02 and BD-09', () => {
	it('stores a home given in GCJ-02 or BD-09 where it is in WGS84 (within a centimetre)', async () => {
		const { db, adminId } = await createFixture(1);
		for (const datum of ['gcj02', 'bd09'] as const) {
			const given = fromWgs84(home, datum);
			// the offset is about 100 m (GCJ-02) to 800 m (BD-09) here: ignoring the choice would show
			expect(haversineM(...given, ...home)).toBeGreaterThan(50);
			const parsed = parseGeoJsonRows(homes([given]));
			const report = await importResidences(
				db,
				adminId,
				parsed.ok ? parsed.rows : [],
				'partial',
				datum
			);
			expect(report).toMatchObject({ written: true, inserted: 1 });
			const [stored] = await db
				.select({ id: residence.id, lng: residence.lng, lat: residence.lat })
				.from(residence)
				.where(eq(residence.name, '坐标楼0'));
			expect(haversineM(stored.lng, stored.lat, ...home)).toBeLessThan(0.01);
			await db.delete(residence).where(eq(residence.id, stored.id));
		}
	});

	it('reports an out-of-range coordinate as typed, converting nothing', async () => {
		const { db, adminId } = await createFixture(1);
		const parsed = parseGeoJsonRows(homes([[200, 39.77]]));
		const report = await importResidences(
			db,
			adminId,
			parsed.ok ? parsed.rows : [],
			'partial',
			'bd09'
		);
		expect(report).toMatchObject({ written: false, inserted: 0, rejectedTotal: 1 });
		expect(report.rejected[0].errors.join()).toContain('lng');
	});

	it('converts every vertex of a network given in BD-09', async () => {
		const { db, adminId } = await createFixture(1);
		const wgs: LngLat[] = [home, [98.2909, 39.7726], [98.2909, 39.7736]];
		const lines = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: {},
					geometry: { type: 'LineString', coordinates: wgs.map((p) => fromWgs84(p, 'bd09')) }
				}
			]
		};
		const result = await importNetwork(db, adminId, JSON.stringify(lines), 'baidu.geojson', 'bd09');
		expect(result).toEqual({ ok: true, lines: 1 });
		const [edge] = await db.select().from(roadEdge);
		const stored = edge.coordinates as LngLat[];
		expect(stored).toHaveLength(3);
		stored.forEach((p, i) => expect(haversineM(...p, ...wgs[i])).toBeLessThan(0.01));
	});
});
