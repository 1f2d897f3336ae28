import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addMealCategory, shengli, useTestDatabase } from '../testing/database';
import { transaction, type Db } from '../db';
import {
	meta,
	resource,
	residence,
	roadEdge,
	serviceCategory,
	servicePoint,
	user
} from '../db/schema';
import { sourceVersion } from './source';

let db: Db;
beforeEach(async () => {
	db = await useTestDatabase();
	await addMealCategory(db);
});

/** Runs a write (in a transaction) and says whether the data version moved. */
async function changes(write: (tx: Db) => Promise<unknown>): Promise<boolean> {
	const before = await sourceVersion(db);
	await transaction(db, write);
	return (await sourceVersion(db)) !== before;
}

describe('the version of the public map data', () => {
	it('moves on every write to service points, residences, categories and the network', async () => {
		const point = {
			name: '测试点',
			categoryCode: 'meal',
			communityCode: shengli,
			lng: 98.29,
			lat: 39.77,
			address: '路1号',
			phone: '09376200001'
		};
		expect(await changes((tx) => tx.insert(servicePoint).values(point))).toBe(true);
		// a change that the old fingerprint (counts, max ids, sums of households) could not see
		expect(await changes((tx) => tx.update(servicePoint).set({ phone: '09376200002' }))).toBe(true);
		const [home] = await db.select().from(residence).limit(1);
		expect(await changes((tx) => tx.update(residence).set({ name: home.name + '东' }))).toBe(true);
		expect(
			await changes((tx) =>
				tx
					.update(residence)
					.set({ elderly60plus: home.elderly60plus + 1 })
					.where(eq(residence.id, home.id))
			)
		).toBe(true);
		expect(await changes((tx) => tx.update(serviceCategory).set({ nameEn: 'Meal help' }))).toBe(
			true
		);
		expect(
			await changes((tx) =>
				tx.insert(roadEdge).values({
					kind: 'residential',
					coordinates: [
						[98.29, 39.77],
						[98.3, 39.77]
					]
				})
			)
		).toBe(true);
		expect(await changes((tx) => tx.delete(roadEdge))).toBe(true);
		expect(await changes((tx) => tx.delete(servicePoint))).toBe(true);
	});

	it('stays put for writes the map data does not depend on', async () => {
		expect(await changes((tx) => tx.update(user).set({ name: '改名' }))).toBe(false);
	});

	it('is still a fingerprint without its version row', async () => {
		await transaction(db, (tx) => tx.delete(meta).where(sql`${meta.key} = 'public_data_version'`));
		expect(await changes((tx) => tx.delete(residence))).toBe(true);
		// a resource with a location and a category counts in coverage: its arrival and removal show
		const place = {
			communityCode: shengli,
			name: '驻区单位停车场',
			kind: 'parking' as const,
			owner: '某单位',
			categoryCode: 'meal',
			lng: 98.29,
			lat: 39.77
		};
		expect(await changes((tx) => tx.insert(resource).values(place))).toBe(true);
		expect(await changes((tx) => tx.update(resource).set({ active: false }))).toBe(true);
		expect(await changes((tx) => tx.delete(resource))).toBe(true);
	});
});
