import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { outbox } from '../db/schema';
import { hourMs, minuteMs } from '$lib/time';

/**
 * Every sender (the poller in each server process, an inline send of a code) takes messages through
 * one claim: a single conditional UPDATE … RETURNING marks due rows as leased to this sender before
 * anything is sent, so two processes (or two servers on one PostgreSQL), or the poller and an inline
 * send, never send the same row. A lease outlives one
 * send (the http sender gives up after 10 s), so it only expires when a process died mid-send; the row
 * is then claimed again (at least once, never lost; the http sender's Idempotency-Key lets a gateway
 * drop that rare repeat).
 */
export const leaseMs = minuteMs;
/** after this many failed attempts a message is given up (failed_at set) */
export const maxAttempts = 8;
const maxBackoffMs = hourMs;

export type ClaimedMessage = typeof outbox.$inferSelect;

/** Waits OUTBOX_POLL_SECONDS × 2^(attempts − 1) after a failure, at most an hour. */
export function retryDelayMs(attempts: number, pollMs: number): number {
	return Math.min(pollMs * 2 ** Math.max(0, attempts - 1), maxBackoffMs);
}

/** Due: unsent, not given up, not scheduled later, not leased (or its lease has run out). */
function isDue(now: Date) {
	return and(
		isNull(outbox.sentAt),
		isNull(outbox.failedAt),
		or(isNull(outbox.sendAfter), lte(outbox.sendAfter, now)),
		or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now))
	);
}

/**
 * Leases up to `limit` due messages of the given channels (text messages by default; only `ids`, when
 * given) to the caller, oldest first.
 */
export async function claimDue(
	db: Db,
	options: { now: number; limit: number; ids?: number[]; channels?: ClaimedMessage['channel'][] }
): Promise<ClaimedMessage[]> {
	const now = new Date(options.now);
	const claimed = await transaction(db, async (tx) => {
		const due = tx
			.select({ id: outbox.id })
			.from(outbox)
			.where(
				and(
					inArray(outbox.channel, options.channels ?? ['sms']),
					isDue(now),
					options.ids ? inArray(outbox.id, options.ids) : undefined
				)
			)
			.orderBy(outbox.id)
			.limit(options.limit);
		// the update checks again that each row is due: a sender that claimed it meanwhile (another
		// server on PostgreSQL, whose update this one waited for) has leased it, and it is left to them
		return await tx
			.update(outbox)
			.set({
				claimedUntil: new Date(options.now + leaseMs),
				attempts: sql`${outbox.attempts} + 1`
			})
			.where(and(inArray(outbox.id, due), isDue(now)))
			.returning();
	});
	// RETURNING gives no order
	return claimed.sort((a, b) => a.id - b.id);
}

export async function markSent(db: Db, id: number, now: number): Promise<void> {
	await transaction(db, async (tx) => {
		await tx
			.update(outbox)
			.set({ sentAt: new Date(now), claimedUntil: null, lastError: null })
			.where(eq(outbox.id, id));
	});
}

/**
 * A failed send: the row is claimable again after the back-off, or given up (failed_at) when it has had
 * its last attempt. Returns whether it was given up.
 */
export async function markFailed(
	db: Db,
	message: Pick<ClaimedMessage, 'id' | 'attempts'>,
	error: string,
	now: number,
	pollMs: number
): Promise<boolean> {
	const givenUp = message.attempts >= maxAttempts;
	await transaction(db, async (tx) => {
		await tx
			.update(outbox)
			.set({
				lastError: error.slice(0, 200),
				claimedUntil: givenUp ? null : new Date(now + retryDelayMs(message.attempts, pollMs)),
				failedAt: givenUp ? new Date(now) : null
			})
			.where(eq(outbox.id, message.id));
	});
	return givenUp;
}
