/**
 * "Moving home recomputes bands and list in under 100 ms on the demo city" (the life-circle issue):
 * the server work behind one move — the list (nearest points per category with next free slots)
 * plus the 5/10/15 bands — on a seeded demo database, beside the engine's bare nearest query.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { medianMs, medianMsAsync, record } from './harness';

export async function benchmarkLifeCircle(): Promise<void> {
	process.env.DATABASE_URL = join(mkdtempSync(join(tmpdir(), 'bench-life-circle-')), 'demo.db');
	const { getDb, migrateDatabase } = await import('../../src/lib/server/db');
	const { seedDemoCity } = await import('../../src/lib/server/demo/seed');
	const { coverageState, isochrones, lifeCircle } = await import('../../src/lib/server/coverage');
	const db = getDb();
	await migrateDatabase(db);
	await seedDemoCity(db);
	const state = await coverageState(db);
	const homes = state.source.residences.filter((_, i) => i % 13 === 0).map((r) => r.point);
	const now = Date.now();
	const pick = (i: number) => homes[(i + homes.length) % homes.length];

	const nearest = medianMs(60, (i) =>
		state.engine.nearestFromPoint(pick(i), { cutoffM: 3000, limit: 3 })
	);
	const list = await medianMsAsync(60, async (i) => await lifeCircle(db, pick(i), 0.9, now));
	const bands = await medianMsAsync(60, async (i) => await isochrones(db, pick(i), 15, 0.9));
	const move = await medianMsAsync(60, async (i) => {
		await lifeCircle(db, pick(i), 0.9, now);
		await isochrones(db, pick(i), 15, 0.9);
	});
	record(
		'baseline: engine nearest per category',
		`${nearest.toFixed(2)} ms`,
		'',
		'median of 60 homes'
	);
	record(
		'life-circle list (with next free slots)',
		`${list.toFixed(2)} ms`,
		'',
		`${(list / nearest).toFixed(1)}× the bare query`
	);
	record('5/10/15 bands at elderly speed', `${bands.toFixed(2)} ms`);
	record('moving home: list + bands', `${move.toFixed(2)} ms`, '≤ 100 ms', 'median of 60 homes');
}
