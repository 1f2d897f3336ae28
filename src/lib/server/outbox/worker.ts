import { log } from '../log';

/**
 * Delivers due messages every OUTBOX_POLL_SECONDS in this process, through the claim (claim.ts:
 * SMS_SENDER=log masks the phone in the log; http posts to a gateway). Other processes claim other
 * rows; a tick is skipped while this process's previous one is still sending.
 */
export function startOutboxWorker(deliver: () => Promise<number>, intervalMs: number): void {
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await deliver();
		} catch (error) {
			log.error('outbox delivery failed', {
				error: error instanceof Error ? error.message : String(error)
			});
		} finally {
			running = false;
		}
	};
	setInterval(tick, intervalMs).unref();
}
