import { and, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { outbox } from '../db/schema';

/**
 * What a message is about (a booking, a waitlist entry, a rating). Its messages' dedupe keys start with
 * `<subject>:`, so that everything still unsent about it can be dropped at once (a cancelled booking's
 * reminders). Only this module builds and reads that prefix.
 */
export type Subject = `${'booking' | 'waitlist' | 'rating'}:${number}`;

export function subject(kind: 'booking' | 'waitlist' | 'rating', id: number): Subject {
	return `${kind}:${id}`;
}

/** The dedupe key of one message about a subject: `<subject>:<part>:<part>…`. */
export function messageKey(about: Subject, ...parts: (string | number)[]): string {
	return [about, ...parts].join(':');
}

export interface OutgoingMessage {
	/** sms by default; a channel without a sender stays queued */
	channel?: 'sms' | 'wechat';
	recipient: string;
	body: string;
	/** the stable template id (the notice kind, verification_code) and its values, for vendor templates */
	templateId: string;
	templateParams: Record<string, string>;
	/** whose staff may read it on /staff/outbox (demo); null: administrators only */
	communityCode: string | null;
	/** scheduling the same key twice never sends twice (see messageKey) */
	dedupeKey?: string;
	/** not sent before this time (a reminder) */
	sendAfter?: number | null;
	/** the created time, the database's clock when absent */
	now?: number;
}

/**
 * Queues a message in the caller's transaction, so that it is sent only if the change that caused it
 * commits. Returns its id, 0 when a message with the same dedupe key is already queued.
 */
export async function enqueue(tx: Db, message: OutgoingMessage): Promise<number> {
	const { now } = message;
	// without a time, the column's default: the database's clock
	const [row] = await prepared(tx, now === undefined ? 'enqueue' : 'enqueueAt', ($) =>
		tx
			.insert(outbox)
			.values({
				channel: $.channel,
				recipient: $.recipient,
				body: $.body,
				templateId: $.templateId,
				templateParams: $.templateParams,
				communityCode: $.communityCode,
				dedupeKey: $.dedupeKey,
				// raw: epoch milliseconds or null, as the column stores it
				sendAfter: sql`${$.sendAfter}`,
				...(now === undefined ? {} : { createdAt: $.now })
			})
			.onConflictDoNothing({ target: outbox.dedupeKey })
			.returning({ id: outbox.id })
	).execute({
		channel: message.channel ?? 'sms',
		recipient: message.recipient,
		body: message.body,
		templateId: message.templateId,
		templateParams: message.templateParams,
		communityCode: message.communityCode,
		dedupeKey: message.dedupeKey ?? null,
		sendAfter: message.sendAfter || null,
		now: now === undefined ? null : new Date(now)
	});
	return row?.id ?? 0;
}

/**
 * Queues several messages in one statement (a booking's confirmation and reminders): the same rows as
 * `enqueue` for each in turn, in that order, a message whose dedupe key is already queued (or earlier
 * in the list) left out. One statement per number of messages, kept prepared.
 */
export async function enqueueAll(
	tx: Db,
	messages: (OutgoingMessage & { now: number })[]
): Promise<void> {
	if (messages.length === 0) return;
	const n = messages.length;
	const values: Record<string, unknown> = {};
	for (const [i, message] of messages.entries()) {
		values[`channel${i}`] = message.channel ?? 'sms';
		values[`recipient${i}`] = message.recipient;
		values[`body${i}`] = message.body;
		values[`templateId${i}`] = message.templateId;
		values[`templateParams${i}`] = message.templateParams;
		values[`communityCode${i}`] = message.communityCode;
		values[`dedupeKey${i}`] = message.dedupeKey ?? null;
		values[`sendAfter${i}`] = message.sendAfter || null;
		values[`now${i}`] = new Date(message.now);
	}
	await prepared(tx, `enqueueAll${n}`, ($) =>
		tx
			.insert(outbox)
			.values(
				Array.from({ length: n }, (_, i) => ({
					channel: $[`channel${i}`],
					recipient: $[`recipient${i}`],
					body: $[`body${i}`],
					templateId: $[`templateId${i}`],
					templateParams: $[`templateParams${i}`],
					communityCode: $[`communityCode${i}`],
					dedupeKey: $[`dedupeKey${i}`],
					// raw: epoch milliseconds or null, as the column stores it
					sendAfter: sql`${$[`sendAfter${i}`]}`,
					createdAt: $[`now${i}`]
				}))
			)
			.onConflictDoNothing({ target: outbox.dedupeKey })
	).execute(values);
}

/**
 * Drops the unsent messages about a subject (a cancelled booking's reminders) or to a recipient (a
 * deleted account's number). A key range, not LIKE: the subject's keys sort between `<subject>:` and
 * `<subject>;`.
 */
export async function dropFor(
	tx: Db,
	key: { subject: Subject } | { recipient: string }
): Promise<void> {
	if ('subject' in key)
		// on every cancellation: kept prepared
		await prepared(tx, 'dropForSubject', ($) =>
			tx
				.delete(outbox)
				.where(
					and(gte(outbox.dedupeKey, $.from), lt(outbox.dedupeKey, $.to), isNull(outbox.sentAt))
				)
		).execute({ from: `${key.subject}:`, to: `${key.subject};` });
	else
		await tx.delete(outbox).where(and(eq(outbox.recipient, key.recipient), isNull(outbox.sentAt)));
}

/**
 * The latest text messages, for the demo-mode reading page: of some communities (a staff member's),
 * or all (`null`, an administrator). Messages without a community are for administrators only.
 */
export async function recentSms(db: Db, communities: string[] | null, limit = 50) {
	if (communities?.length === 0) return [];
	return await db
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
		.limit(limit);
}
