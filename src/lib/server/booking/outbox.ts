import { and, isNull, like, sql } from 'drizzle-orm';
import { prepared } from './prepared';
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
	prepared(tx, 'enqueue', () =>
		tx
			.insert(outbox)
			.values({
				channel: sql.placeholder('channel'),
				recipient: sql.placeholder('recipient'),
				body: sql.placeholder('body'),
				dedupeKey: sql.placeholder('dedupeKey'),
				// raw placeholders: epoch milliseconds or null, as the column stores them
				sendAfter: sql`${sql.placeholder('sendAfter')}`,
				createdAt: sql`${sql.placeholder('now')}`
			})
			.onConflictDoNothing({ target: outbox.dedupeKey })
			.prepare()
	).run({
		channel: message.channel,
		recipient: message.recipient,
		body: message.body,
		dedupeKey: message.dedupeKey,
		sendAfter: message.sendAfter ?? null,
		now: message.now
	});
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
