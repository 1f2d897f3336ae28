import { and, desc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { getDb } from '../db';
import { outbox } from '../db/schema';
import { log } from '../log';
import { configuredSender, type SmsSender } from './senders';

const maxAttempts = 5;

/** Queues a text message; delivery happens in `deliverPending`, right away for codes. */
export function enqueueSms(recipient: string, body: string, dedupeKey?: string): number {
	const row = getDb()
		.insert(outbox)
		.values({ channel: 'sms', recipient, body, dedupeKey })
		.onConflictDoNothing()
		.returning({ id: outbox.id })
		.get();
	return row?.id ?? 0;
}

let sender: SmsSender | undefined;

/** Sends what is due; a failure stays queued with its error (no phone number in the log). */
export async function deliverPending(now = Date.now(), limit = 50): Promise<number> {
	sender ??= configuredSender();
	const db = getDb();
	const due = db
		.select()
		.from(outbox)
		.where(
			and(
				isNull(outbox.sentAt),
				eq(outbox.channel, 'sms'),
				lt(outbox.attempts, maxAttempts),
				or(isNull(outbox.sendAfter), lte(outbox.sendAfter, new Date(now)))
			)
		)
		.orderBy(outbox.id)
		.limit(limit)
		.all();
	let sent = 0;
	for (const message of due) {
		try {
			await sender.send(message);
			db.update(outbox)
				.set({ sentAt: new Date(), attempts: message.attempts + 1 })
				.where(eq(outbox.id, message.id))
				.run();
			sent++;
		} catch (e) {
			const lastError = e instanceof Error ? e.message.slice(0, 200) : 'send failed';
			db.update(outbox)
				.set({ attempts: message.attempts + 1, lastError })
				.where(eq(outbox.id, message.id))
				.run();
			log.warn('sms not sent', { outboxId: message.id, sender: sender.name, error: lastError });
		}
	}
	return sent;
}

/** The latest text messages, for the demo-mode reading page. */
export function recentSms(limit = 50) {
	return getDb()
		.select({
			id: outbox.id,
			recipient: outbox.recipient,
			body: outbox.body,
			createdAt: outbox.createdAt,
			sentAt: outbox.sentAt
		})
		.from(outbox)
		.where(eq(outbox.channel, 'sms'))
		.orderBy(desc(outbox.id))
		.limit(limit)
		.all();
}

/** Unsent messages to a number whose account is deleted are dropped, not delivered. */
export function dropPendingFor(recipient: string): void {
	getDb()
		.delete(outbox)
		.where(and(eq(outbox.recipient, recipient), isNull(outbox.sentAt)))
		.run();
}
