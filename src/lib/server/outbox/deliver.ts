import type { Db } from '../db';
import { setting } from '../config';
import { log } from '../log';
import { claimDue, markFailed, markSent, type ClaimedMessage } from './claim';
import { configuredSender, type SmsSender } from './senders';

/** How often each process sends what is due (OUTBOX_POLL_SECONDS, default 30); also the first back-off. */
export function pollMs(env: NodeJS.ProcessEnv = process.env): number {
	return setting('OUTBOX_POLL_SECONDS', env) * 1000;
}

/** A sender per channel this process can deliver; a channel without one (wechat) stays queued. */
export type Senders = { sms: SmsSender };

let configured: Senders | undefined;
const batch = 5;

async function sendOne(
	db: Db,
	sender: SmsSender,
	message: ClaimedMessage,
	clock: () => number
): Promise<boolean> {
	try {
		await sender.send(message);
	} catch (e) {
		const error = e instanceof Error ? e.message : 'send failed';
		const givenUp = await markFailed(db, message, error, clock(), pollMs());
		// no phone number in the log
		log.warn(givenUp ? 'sms given up' : 'sms not sent, will retry', {
			outboxId: message.id,
			channel: message.channel,
			attempt: message.attempts,
			sender: sender.name,
			error: error.slice(0, 200)
		});
		return false;
	}
	await markSent(db, message.id, clock());
	return true;
}

/**
 * Sends what is due on every channel with a sender (only `ids`, when given: an inline send of a message
 * just queued), claiming a few rows at a time so that every lease comfortably outlives its sends.
 * Returns how many were sent.
 */
export async function deliverDue(
	db: Db,
	options: { now?: number; limit?: number; ids?: number[]; sender?: SmsSender } = {}
): Promise<number> {
	const senders: Senders = options.sender
		? { sms: options.sender }
		: (configured ??= { sms: configuredSender() });
	const channels = Object.keys(senders) as (keyof Senders)[];
	const limit = options.limit ?? 50;
	const clock = () => options.now ?? Date.now();
	let claimed = 0;
	let sent = 0;
	while (claimed < limit) {
		const messages = await claimDue(db, {
			now: clock(),
			limit: Math.min(batch, limit - claimed),
			ids: options.ids,
			channels
		});
		if (messages.length === 0) break;
		claimed += messages.length;
		const results = await Promise.all(
			messages.map((message) =>
				sendOne(db, senders[message.channel as keyof Senders], message, clock)
			)
		);
		sent += results.filter(Boolean).length;
	}
	return sent;
}
