// `npm run db:reset`: a fresh database with the demo city (deletes DATABASE_URL's file first).
import { rmSync } from 'node:fs';
import { databasePath, migrateDatabase, openDatabase } from '../src/lib/server/db';
import { seedDemoCity } from '../src/lib/server/demo/seed';

const file = databasePath();
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
const db = openDatabase(file);
migrateDatabase(db);
const started = performance.now();
const summary = await seedDemoCity(db);
db.$client.close();
console.log(
	`Demo city written to ${file} in ${Math.round(performance.now() - started)} ms: ` +
		`${summary.communities} communities, ${summary.residences} residences, ` +
		`${summary.servicePoints} service points, ${summary.roadEdges} street edges, ` +
		`${summary.slots} slots, ${summary.bookings} bookings, ${summary.ratings} ratings.`
);
