import { getDb, migrateDatabase, shownDatabaseUrl, startupLock } from './db';
import { isDatabaseEmpty, seedDemoCity } from './demo/seed';
import { demoAccounts, demoPassword } from './accounts/demo';
import { materialiseSlots } from './booking';
import { deliverDue, pollMs, startOutboxWorker } from './outbox';
import { log } from './log';
import { hourMs } from '$lib/time';
import { readConfig, setting } from './config';
import { startCoverageEngine } from './coverage';
import { startLedgerSchedule } from './ledger';
import { escalateDue } from './volunteers';

/** Runs once per server process: migrations, the demo city on an empty database, the slot job. */
export async function startUp(): Promise<void> {
	readConfig();
	const db = getDb();
	// several servers starting on one empty PostgreSQL database take turns: one migrates and seeds,
	// the others then find it done
	await startupLock(db, async () => {
		await migrateDatabase(db);
		if (!(await isDatabaseEmpty(db)) || !setting('SEED_DEMO')) return;
		const started = performance.now();
		const summary = await seedDemoCity(db);
		log.info('demo city seeded', {
			database: shownDatabaseUrl(),
			communities: summary.communities,
			residences: summary.residences,
			servicePoints: summary.servicePoints,
			roadEdges: summary.roadEdges,
			slots: summary.slots,
			bookings: summary.bookings,
			ms: Math.round(performance.now() - started)
		});
	});
	// the first engine is built in a worker: the server answers meanwhile (engine routes wait for it,
	// see coverage/wait.ts), and later data changes rebuild it there while the old one answers
	await startCoverageEngine(db);
	// the plan's ledger: this month's snapshot once the engine is built, then checked hourly
	startLedgerSchedule(db);
	const created = await materialiseSlots(db);
	if (created > 0) log.info('slots materialised', { created });
	// Idempotent, so every process may run it; hourly keeps the horizon rolling past midnight.
	// A failed run (the database away for a moment) is logged; the next hour's run catches up.
	setInterval(async () => {
		try {
			await materialiseSlots(db);
		} catch (error) {
			log.error('slot materialisation failed', {
				error: error instanceof Error ? error.message : String(error)
			});
		}
	}, hourMs).unref();
	// Help requests nobody accepted in time go to their station's staff (idempotent, every process).
	setInterval(async () => {
		try {
			await escalateDue(db);
		} catch (error) {
			log.error('help request escalation failed', {
				error: error instanceof Error ? error.message : String(error)
			});
		}
	}, 60_000).unref();
	// Booking confirmations, reminders (sendAfter) and notices wait in the outbox until due.
	startOutboxWorker(() => deliverDue(db), pollMs());
	if (setting('DEMO_ACCOUNTS')) printDemoAccounts();
}

function printDemoAccounts() {
	const lines = demoAccounts.map((a) => `  ${a.phone}  ${a.descriptionZh} / ${a.descriptionEn}`);
	console.log(`Demo accounts (password ${demoPassword}):\n${lines.join('\n')}`);
}
