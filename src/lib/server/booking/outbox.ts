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
	/** the stable template id (the notice kind) and its values, for vendor SMS templates */
	templateId: string;
	templateParams: Record<string, string>;
	/** the service point's community: its staff may read the message on /staff/outbox (demo) */
	communityCode: string;
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
				templateId: sql.placeholder('templateId'),
				communityCode: sql.placeholder('communityCode'),
				// raw placeholder: the JSON text, as the column stores it
				templateParams: sql`${sql.placeholder('templateParams')}`,
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
		templateId: message.templateId,
		communityCode: message.communityCode,
		templateParams: JSON.stringify(message.templateParams),
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
 * Delivers due messages every OUTBOX_POLL_SECONDS in this process, through the shared outbox module's claim
 * (src/lib/server/outbox: SMS_SENDER=log masks the phone in the log; http posts to a gateway). Other
 * processes claim other rows; a tick is skipped while this process's previous one is still sending.
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
