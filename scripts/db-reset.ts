// `npm run db:reset`: a fresh database with the demo city. SQLite: DATABASE_URL's file is deleted
// first; PostgreSQL: the database's schema (its tables, and drizzle's record of migrations) is
// dropped and created again, so the migrations run from the start.
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import {
	closeDatabase,
	databaseUrl,
	dialectOfUrl,
	exec,
	migrateDatabase,
	openDatabase,
	shownDatabaseUrl,
	transaction
} from '../src/lib/server/db';
import { seedDemoCity } from '../src/lib/server/demo/seed';

const url = databaseUrl();
const postgres = dialectOfUrl(url) === 'postgres';
if (!postgres) for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
const db = openDatabase(url);
if (postgres) {
	await transaction(db, async (tx) => {
		await exec(tx, sql`drop schema if exists drizzle cascade`);
		await exec(tx, sql`drop schema if exists public cascade`);
		await exec(tx, sql`create schema public`);
	});
}
await migrateDatabase(db);
const started = performance.now();
const summary = await seedDemoCity(db);
await closeDatabase(db);
console.log(
	`Demo city written to ${shownDatabaseUrl(url)} in ${Math.round(performance.now() - started)} ms: ` +
		`${summary.communities} communities, ${summary.residences} residences, ` +
		`${summary.servicePoints} service points, ${summary.roadEdges} street edges, ` +
		`${summary.slots} slots, ${summary.bookings} bookings, ${summary.ratings} ratings.`
);
