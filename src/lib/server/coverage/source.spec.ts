import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addMealCategory, shengli, useTestDatabase } from '../testing/database';
import type { Db } from '../db';
import { meta, residence, roadEdge, serviceCategory, servicePoint, user } from '../db/schema';
import { sourceVersion } from './source';

let db: Db;
beforeEach(() => {
	db = useTestDatabase();
	addMealCategory(db);
});

/** Runs a write and says whether the data version moved. */
function changes(write: () => unknown): boolean {
	const before = sourceVersion(db);
	write();
	return sourceVersion(db) !== before;
}

describe('the version of the public map data', () => {
	it('moves on every write to service points, residences, categories and the network', () => {
		const point = {
			name: '测试点',
			categoryCode: 'meal',
			communityCode: shengli,
			lng: 98.29,
			lat: 39.77,
			address: '路1号',
			phone: '09376200001'
		};
		expect(changes(() => db.insert(servicePoint).values(point).run())).toBe(true);
		// a change that the old fingerprint (counts, max ids, sums of households) could not see
		expect(changes(() => db.update(servicePoint).set({ phone: '09376200002' }).run())).toBe(true);
		const [home] = db.select().from(residence).limit(1).all();
		expect(
			changes(() =>
				db
					.update(residence)
					.set({ name: home.name + '东' })
					.run()
			)
		).toBe(true);
		expect(
			changes(() =>
				db
					.update(residence)
					.set({ elderly60plus: home.elderly60plus + 1 })
					.where(eq(residence.id, home.id))
					.run()
			)
		).toBe(true);
		expect(changes(() => db.update(serviceCategory).set({ nameEn: 'Meal help' }).run())).toBe(true);
		expect(
			changes(() =>
				db
					.insert(roadEdge)
					.values({
						kind: 'residential',
						coordinates: [
							[98.29, 39.77],
							[98.3, 39.77]
						]
					})
					.run()
			)
		).toBe(true);
		expect(changes(() => db.delete(roadEdge).run())).toBe(true);
		expect(changes(() => db.delete(servicePoint).run())).toBe(true);
	});

	it('stays put for writes the map data does not depend on', () => {
		expect(changes(() => db.update(user).set({ name: '改名' }).run())).toBe(false);
	});

	it('is still a fingerprint without its version row', () => {
		db.delete(meta)
			.where(sql`${meta.key} = 'public_data_version'`)
			.run();
		expect(changes(() => db.delete(residence).run())).toBe(true);
	});
});
