import { afterEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { closeDb, insertInChunks, transaction } from '.';
import { residence } from './schema';
import { shengli, useTestDatabase } from '../testing/database';

afterEach(async () => {
	await closeDb();
});

describe('insertInChunks', () => {
	it('writes every row, in statements small enough for both databases, answering others between them', async () => {
		const db = await useTestDatabase();
		const rows = Array.from({ length: 7000 }, (_, i) => ({
			name: `楼${i}`,
			communityCode: shengli,
			lng: 98.29,
			lat: 39.77,
			households: 1,
			residents: 2,
			elderly60plus: 0,
			children0to3: 0
		}));
		let ranMeanwhile = false;
		await transaction(db, async (tx) => {
			setImmediate(() => (ranMeanwhile = true));
			await insertInChunks(tx, residence, rows);
		});
		expect(ranMeanwhile).toBe(true);
		const [{ n }] = await db.select({ n: count() }).from(residence);
		// the two residences of the test city, and these
		expect(n).toBe(7002);
	});
});
