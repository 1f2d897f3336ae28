// The life-circle list reads each point's next free slot once per generation (generation.ts): a
// commit — here a slot filled up — must show in the very next list, on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, schema, transaction, type Db } from '../db';
import { openDemoDatabase } from '../testing/demo-database';
import { coverageState, stopCoverageEngine } from './engine';
import { lifeCircle } from './life-circle';

const now = Date.parse('2026-11-26T02:00:00Z');
let db: Db;

// a ceiling, not a wait: the run's demo city may be seeded here or in another worker meanwhile
beforeAll(async () => {
	({ db } = await openDemoDatabase(now));
}, 300_000);

afterAll(async () => {
	stopCoverageEngine(db);
	await closeDatabase(db);
});

/** A home whose list offers a next free slot, and that point and slot. */
async function homeWithASlot() {
	const state = await coverageState(db);
	for (const residence of state.source.residences) {
		const circle = await lifeCircle(db, residence.point, 1.2, now);
		for (const category of circle.categories)
			for (const point of category.points)
				if (point.nextSlot) return { home: residence.point, point: point.id, slot: point.nextSlot };
	}
	throw new Error('no home of the demo city has a free slot in its life circle');
}

const nextSlotOf = async (home: [number, number], pointId: number) =>
	(await lifeCircle(db, home, 1.2, now)).categories
		.flatMap((c) => c.points)
		.find((p) => p.id === pointId)?.nextSlot;

describe('lifeCircle', () => {
	it('shows a point’s next free slot as it is after every commit, not as first read', async () => {
		const { home, point, slot } = await homeWithASlot();
		// read again in the same generation: the same answer
		expect(await nextSlotOf(home, point)).toEqual(slot);

		// the slot fills up (staff set its places to none): the list moves on to another slot
		await transaction(db, async (tx) => {
			await tx.update(schema.slot).set({ capacityOverride: 0 }).where(eq(schema.slot.id, slot.id));
		});
		const after = await nextSlotOf(home, point);
		expect(after?.id).not.toBe(slot.id);

		// and places given back show again at once
		await transaction(db, async (tx) => {
			await tx
				.update(schema.slot)
				.set({ capacityOverride: null })
				.where(eq(schema.slot.id, slot.id));
		});
		expect(await nextSlotOf(home, point)).toEqual(slot);
	});
});
