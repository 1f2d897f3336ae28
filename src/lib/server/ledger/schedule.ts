import type { Db } from '../db';
import { coverageReady } from '../coverage';
import { log } from '../log';
import { hourMs } from '$lib/time';
import { ensureMonthlySnapshot } from './snapshot';

/**
 * The ledger's monthly snapshot without an outside cron: once the first engine is built, and then
 * every hour, a process takes the month's snapshot if there is none yet. Several processes may check
 * at once; the month's unique key lets one write it. A failure is logged; the next hour tries again.
 */
export function startLedgerSchedule(db: Db): void {
	const check = async () => {
		try {
			await coverageReady(db);
			const started = performance.now();
			const result = await ensureMonthlySnapshot(db);
			if (result.status === 'ok')
				log.info('ledger snapshot taken', {
					snapshotId: result.snapshotId,
					values: result.values,
					ms: Math.round(performance.now() - started)
				});
		} catch (error) {
			log.error('ledger snapshot failed', {
				error: error instanceof Error ? error.message : String(error)
			});
		}
	};
	void check();
	setInterval(check, hourMs).unref();
}
