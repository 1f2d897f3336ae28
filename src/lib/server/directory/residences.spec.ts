import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, transaction, type Db } from '../db';
import { residence } from '../db/schema';
import { shengli, useTestDatabase, wuyi } from '../testing/database';
import { list, listInPages, type ResidenceListItem } from './residences';

let db: Db;

beforeEach(async () => {
	db = await useTestDatabase();
	// 40 more homes in two communities, spread over a small grid
	await transaction(db, async (tx) => {
		await tx.insert(residence).values(
			Array.from({ length: 40 }, (_, i) => ({
				name: `小区${i}`,
				communityCode: i % 3 === 0 ? wuyi : shengli,
				lng: 98.2 + (i % 8) * 0.01,
				lat: 39.7 + Math.floor(i / 8) * 0.01,
				households: 10 + i,
				residents: 25 + i,
				elderly60plus: i,
				children0to3: i % 4
			}))
		);
	});
});

afterEach(async () => {
	await closeDb();
});

async function paged(filter: Parameters<typeof list>[1], pageRows: number) {
	const pages: ResidenceListItem[][] = [];
	for await (const page of listInPages(db, filter, pageRows)) pages.push(page);
	return pages;
}

describe('the residences, page by page', () => {
	it('are the whole list in order, whatever the page size and filter', async () => {
		const filters = [{}, { community: shengli }, { bbox: [98.21, 39.7, 98.24, 39.72] as const }];
		for (const filter of filters) {
			const whole = await list(db, { ...filter, bbox: filter.bbox && [...filter.bbox] });
			expect(whole.length).toBeGreaterThan(5);
			for (const pageRows of [1, 7, whole.length, whole.length + 1, 5000]) {
				const pages = await paged({ ...filter, bbox: filter.bbox && [...filter.bbox] }, pageRows);
				expect(pages.flat()).toEqual(whole);
				expect(pages.every((page) => page.length > 0 && page.length <= pageRows)).toBe(true);
			}
		}
	});

	it('let other work run between the pages', async () => {
		let ranMeanwhile = false;
		setImmediate(() => (ranMeanwhile = true));
		const pages = await paged({}, 10);
		expect(pages.length).toBeGreaterThan(1);
		expect(ranMeanwhile).toBe(true);
	});
});
