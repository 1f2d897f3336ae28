/**
 * A generated city in its own database file, for load scripts that need more than the demo city:
 * `seededCity(scale)` migrates and fills tests/output/city-<scale>.db once with the generated city's
 * places only (streets, communities, categories, residences, service points, street segments; no
 * accounts, slots or history) and returns its path; later runs reuse the file. Scale 3.2 is the
 * benchmark city (~1M residents: ~60,000 residences, ~5,000 service points, ~170,000 segments).
 * `npx tsx tests/load/city-database.ts 3.2` makes it ahead of time (about a minute).
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { outputDir, removeDatabase } from '../support/server';

export async function seededCity(scale: number): Promise<string> {
	const file = join(outputDir, `city-${scale}.db`);
	if (existsSync(file)) return file;
	const partial = `${file}.partial`;
	removeDatabase(partial);
	process.env.DATABASE_URL = partial;
	const { checkpoint, closeDatabase, dialectOfUrl, migrateDatabase, openDatabase, transaction } =
		await import('../../src/lib/server/db');
	const { getTableColumns } = await import('drizzle-orm');
	const schema = await import('../../src/lib/server/db/schema');
	const { generateDemoCity } = await import('../../src/lib/server/demo');
	const { demoSeed } = await import('../../src/lib/server/demo/seed');
	const { defaultCategories } = await import('../../src/lib/categories');
	const db = openDatabase(partial);
	await migrateDatabase(db);
	const started = performance.now();
	const city = generateDemoCity({ seed: demoSeed, scale });
	// the places of the generated city, table by table (seedDemoCity adds accounts, slots and a
	// history, which a city of this size does not need and which its history writer cannot hold)
	const tables: [table: Parameters<typeof db.insert>[0], rows: object[]][] = [
		[schema.street, city.streets],
		[
			schema.community,
			city.communities.map(({ centre, ...c }) => ({
				...c,
				centreLng: centre[0],
				centreLat: centre[1],
				generated: true
			}))
		],
		[schema.serviceCategory, [...defaultCategories]],
		[schema.residence, city.residences.map(({ point: [lng, lat], ...r }) => ({ ...r, lng, lat }))],
		[
			schema.servicePoint,
			city.servicePoints.map(({ point: [lng, lat], ...p }) => ({ ...p, lng, lat }))
		],
		[schema.roadEdge, city.network],
		[schema.meta, [{ key: 'dataset', value: 'demo' }]]
	];
	// one transaction (fast on SQLite: one commit), in multi-row inserts that bind fewer than 30,000
	// values each (SQLite allows 32,766, PostgreSQL 65,535)
	await transaction(db, async (tx) => {
		for (const [table, rows] of tables) {
			const perRow = Object.keys(getTableColumns(table)).length;
			const chunkRows = Math.max(1, Math.floor(30_000 / perRow));
			// `generated` marks the demo's invented places (tables without the column ignore it)
			for (let i = 0; i < rows.length; i += chunkRows) {
				const chunk = rows.slice(i, i + chunkRows).map((row) => ({ generated: true, ...row }));
				await tx.insert(table).values(chunk as never);
			}
		}
	});
	// the file is renamed below without its WAL: everything must be in the database file itself
	// (checkpoint() is SQLite's; a PostgreSQL database has no file to move)
	if (dialectOfUrl(partial) === 'sqlite') await checkpoint(db);
	await closeDatabase(db);
	removeDatabase(`${partial}-wal`);
	renameSync(partial, file);
	console.error(
		`${file}: ${city.residences.length} residences, ${city.servicePoints.length} service points, ${city.network.length} street segments in ${Math.round(performance.now() - started)} ms`
	);
	return file;
}

if (process.argv[1]?.endsWith('city-database.ts')) {
	console.log(await seededCity(Number(process.argv[2] ?? '3.2')));
}
