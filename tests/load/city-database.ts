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
	const { openDatabase, migrateDatabase } = await import('../../src/lib/server/db');
	const schema = await import('../../src/lib/server/db/schema');
	const { generateDemoCity } = await import('../../src/lib/server/demo');
	const { demoSeed } = await import('../../src/lib/server/demo/seed');
	const { defaultCategories } = await import('../../src/lib/categories');
	const db = openDatabase(partial);
	migrateDatabase(db);
	const started = performance.now();
	const city = generateDemoCity({ seed: demoSeed, scale });
	const chunked = <T>(rows: T[], insert: (chunk: T[]) => unknown) => {
		for (let i = 0; i < rows.length; i += 400) insert(rows.slice(i, i + 400));
	};
	db.$client.transaction(() => {
		db.insert(schema.street).values(city.streets).run();
		db.insert(schema.community)
			.values(
				city.communities.map((c) => ({
					...c,
					centreLng: c.centre[0],
					centreLat: c.centre[1],
					generated: true
				}))
			)
			.run();
		db.insert(schema.serviceCategory)
			.values([...defaultCategories])
			.run();
		chunked(city.residences, (chunk) =>
			db
				.insert(schema.residence)
				.values(chunk.map((r) => ({ ...r, lng: r.point[0], lat: r.point[1], generated: true })))
				.run()
		);
		chunked(city.servicePoints, (chunk) =>
			db
				.insert(schema.servicePoint)
				.values(chunk.map((p) => ({ ...p, lng: p.point[0], lat: p.point[1], generated: true })))
				.run()
		);
		chunked(city.network, (chunk) =>
			db
				.insert(schema.roadEdge)
				.values(chunk.map((e) => ({ ...e, generated: true })))
				.run()
		);
		db.insert(schema.meta).values({ key: 'dataset', value: 'demo' }).run();
	})();
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
	db.$client.close();
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
