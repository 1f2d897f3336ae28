import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '../db';
import { outbox } from '../db/schema';
import { setting } from '../config';
import { log } from '../log';
import { claimDue, markFailed, markSent, type ClaimedMessage } from './claim';
import { configuredSender, type SmsSender } from './senders';

/** A rendered text message with the vendor template it corresponds to (see README, SMS_SENDER). */
export interface SmsContent {
	body: string;
	templateId: string;
	templateParams: Record<string, string>;
}

/** How often each process sends what is due (OUTBOX_POLL_SECONDS, default 30); also the first back-off. */
export function pollMs(env: NodeJS.ProcessEnv = process.env): number {
	return setting('OUTBOX_POLL_SECONDS', env) * 1000;
}

/** Queues a text message outside any other transaction (codes); returns its id (0 when deduped). */
export function enqueueSms(
	message: SmsContent & { recipient: string; communityCode: string | null; dedupeKey?: string }
): number {
	const row = getDb()
		.insert(outbox)
		.values({ channel: 'sms', ...message })
		.onConflictDoNothing()
		.returning({ id: outbox.id })
		.get();
	return row?.id ?? 0;
}

let configured: SmsSender | undefined;
const batch = 5;

async function sendOne(
	sender: SmsSender,
	message: ClaimedMessage,
	clock: () => number
): Promise<boolean> {
	const db = getDb();
	try {
		await sender.send(message);
	} catch (e) {
		const error = e instanceof Error ? e.message : 'send failed';
		const givenUp = markFailed(db, message, error, clock(), pollMs());
		// no phone number in the log
		log.warn(givenUp ? 'sms given up' : 'sms not sent, will retry', {
			outboxId: message.id,
			attempt: message.attempts,
			sender: sender.name,
			error: error.slice(0, 200)
		});
		return false;
	}
	markSent(db, message.id, clock());
	return true;
}

/**
 * Sends what is due (only `ids`, when given: an inline send of a message just queued), claiming a few
 * rows at a time so that every lease comfortably outlives its sends. Returns how many were sent.
 */
export async function deliverPending(
	options: { now?: number; limit?: number; ids?: number[]; sender?: SmsSender } = {}
): Promise<number> {
	const sender = options.sender ?? (configured ??= configuredSender());
	const limit = options.limit ?? 50;
	const clock = () => options.now ?? Date.now();
	let claimed = 0;
	let sent = 0;
	while (claimed < limit) {
		const messages = claimDue(getDb(), {
			now: clock(),
			limit: Math.min(batch, limit - claimed),
			ids: options.ids
		});
		if (messages.length === 0) break;
		claimed += messages.length;
		const results = await Promise.all(messages.map((message) => sendOne(sender, message, clock)));
		sent += results.filter(Boolean).length;
	}
	return sent;
}

/**
 * The latest text messages, for the demo-mode reading page: of some communities (a staff member's),
 * or all (`null`, an administrator). Messages without a community are for administrators only.
 */
export function recentSms(communities: string[] | null, limit = 50) {
	if (communities?.length === 0) return [];
	return getDb()
		.select({
			id: outbox.id,
			recipient: outbox.recipient,
			body: outbox.body,
			createdAt: outbox.createdAt,
			sentAt: outbox.sentAt
		})
		.from(outbox)
		.where(
			and(
				eq(outbox.channel, 'sms'),
				communities ? inArray(outbox.communityCode, communities) : undefined
			)
		)
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
