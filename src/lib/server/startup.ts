import { getDb, migrateDatabase, databasePath } from './db';
import { isDatabaseEmpty, seedDemoCity } from './db/seed';
import { demoAccounts, demoPassword } from './db/seed-accounts';
import { materialiseSlots } from './booking/slots';
import { startOutboxWorker } from './booking/outbox';
import { deliverPending, pollMs } from './outbox';
import { log } from './log';
import { readConfig, setting } from './config';

const hourMs = 60 * 60 * 1000;

/** Runs once per server process: migrations, the demo city on an empty database, the slot job. */
export async function startUp(): Promise<void> {
	readConfig();
	const db = getDb();
	migrateDatabase(db);
	if (isDatabaseEmpty(db) && setting('SEED_DEMO')) {
		const started = performance.now();
		const summary = await seedDemoCity(db);
		log.info('demo city seeded', {
			database: databasePath(),
			communities: summary.communities,
			residences: summary.residences,
			servicePoints: summary.servicePoints,
			roadEdges: summary.roadEdges,
			slots: summary.slots,
			bookings: summary.bookings,
			ms: Math.round(performance.now() - started)
		});
	}
	const created = materialiseSlots(db);
	if (created > 0) log.info('slots materialised', { created });
	// Idempotent, so every process may run it; hourly keeps the horizon rolling past midnight.
	setInterval(() => materialiseSlots(getDb()), hourMs).unref();
	// Booking confirmations, reminders (sendAfter) and notices wait in the outbox until due.
	startOutboxWorker(() => deliverPending(), pollMs());
	if (setting('DEMO_ACCOUNTS')) printDemoAccounts();
}

function printDemoAccounts() {
	const lines = demoAccounts.map((a) => `  ${a.phone}  ${a.descriptionZh} / ${a.descriptionEn}`);
	console.log(`Demo accounts (password ${demoPassword}):\n${lines.join('\n')}`);
}
