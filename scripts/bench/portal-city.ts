/**
 * A portal database holding a generated city of any scale (the demo city at scale 1, the ~1M-resident
 * benchmark city at 3.2): `npx tsx scripts/bench/portal-city.ts <scale> <file>`. Migrated and seeded
 * as `npm run db:reset` does, so the demo accounts sign in; prints the sizes and the time it took.
 */
import { rmSync } from 'node:fs';
import { count } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { closeDatabase, migrateDatabase, openDatabase, schema } from '../../src/lib/server/db';
import { seedDemoCity } from '../../src/lib/server/demo/seed';

export async function writePortalCity(scale: number, file: string) {
	for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
	const db = openDatabase(file);
	await migrateDatabase(db);
	const started = performance.now();
	try {
		const summary = await seedDemoCity(db, { scale });
		return {
			...summary,
			accounts: summary.accounts.length,
			ms: Math.round(performance.now() - started)
		};
	} catch (error) {
		// Above the demo scale the booking history's waitlist insert (seed-history.ts, one statement)
		// passes SQLite's limit of bound variables; the city, its slots and the accounts are written
		// before it, and the pages measured here do not read the history.
		if (!/too many SQL variables/.test(String(error))) throw error;
		console.warn('booking history not seeded at this scale (seed-history: too many SQL variables)');
		const rowsOf = async (table: SQLiteTable) => (await db.select({ n: count() }).from(table))[0].n;
		return {
			communities: await rowsOf(schema.community),
			residences: await rowsOf(schema.residence),
			servicePoints: await rowsOf(schema.servicePoint),
			roadEdges: await rowsOf(schema.roadEdge),
			ms: Math.round(performance.now() - started)
		};
	} finally {
		await closeDatabase(db);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const scale = Number(process.argv[2] ?? 3.2);
	console.log(await writePortalCity(scale, process.argv[3] ?? `tests/output/portal-${scale}.db`));
}
