import { and, isNull, like } from 'drizzle-orm';
import type { Db } from '../db';
import { outbox } from '../db/schema';
import { log } from '../log';

/**
 * Booking messages for the outbox, written in the same transaction as the booking change that causes them
 * (the shared outbox module delivers them). Scheduled reminders carry sendAfter and a dedupeKey so that
 * scheduling twice never sends twice, and a cancellation can take them back.
 */
export interface OutgoingMessage {
	channel: 'sms' | 'wechat';
	recipient: string;
	body: string;
	dedupeKey: string;
}

export function enqueue(
	tx: Db,
	message: OutgoingMessage & { sendAfter?: number | null; now: number }
): void {
	tx.insert(outbox)
		.values({
			channel: message.channel,
			recipient: message.recipient,
			body: message.body,
			dedupeKey: message.dedupeKey,
			sendAfter: message.sendAfter ? new Date(message.sendAfter) : null,
			createdAt: new Date(message.now)
		})
		.onConflictDoNothing({ target: outbox.dedupeKey })
		.run();
}

/** Drops the unsent scheduled messages of a booking (its reminders), e.g. when it is cancelled. */
export function dropUnsent(tx: Db, bookingId: number): void {
	tx.delete(outbox)
		.where(and(like(outbox.dedupeKey, `booking:${bookingId}:%`), isNull(outbox.sentAt)))
		.run();
}

/**
 * Delivers due messages every OUTBOX_POLL_SECONDS (default 30) in this process, through the shared outbox
 * module (src/lib/server/outbox: SMS_SENDER=log masks the phone in the log; http posts to a gateway).
 */
export function startOutboxWorker(deliver: () => Promise<number>): void {
	const seconds = Number(process.env.OUTBOX_POLL_SECONDS) || 30;
	const tick = () =>
		deliver().catch((error) =>
			log.error('outbox delivery failed', {
				error: error instanceof Error ? error.message : String(error)
			})
		);
	setInterval(tick, seconds * 1000).unref();
}
