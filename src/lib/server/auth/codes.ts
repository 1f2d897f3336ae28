import { log } from '../log';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { timingSafeEqual } from 'node:crypto';
import { transaction, type Db } from '../db';
import { verificationCode } from '../db/schema';
import { deliverDue, enqueue } from '../outbox';
import { generateSessionToken, sessionIdOf } from './session';

/**
 * Six-digit codes texted through the outbox, for a purpose and (optionally) a subject such as a
 * family link. Only the SHA-256 of a code is stored; each code lives 10 minutes and allows 5 tries,
 * then a new one must be asked for (its sending is rate-limited by the caller).
 */

export const codeLifetimeMs = 10 * 60_000;
export const maxCodeAttempts = 5;

export type CodePurpose = 'login' | 'reset' | 'desk_link';

export const hashOf = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

export function newCode(): string {
	const [n] = crypto.getRandomValues(new Uint32Array(1));
	return String(n % 1_000_000).padStart(6, '0');
}

export function codesMatch(codeHash: string, code: string): boolean {
	return timingSafeEqual(Buffer.from(codeHash), Buffer.from(hashOf(code)));
}

interface CodeFor {
	phone: string;
	purpose: CodePurpose;
	/** what the code is about (e.g. a link id); a code for another subject does not count */
	subject?: string;
}

async function openCodes(db: Db, target: CodeFor, now: number, ticket?: string) {
	const rows = await db
		.select()
		.from(verificationCode)
		.where(
			and(
				eq(verificationCode.phone, target.phone),
				eq(verificationCode.purpose, target.purpose),
				ticket === undefined ? undefined : eq(verificationCode.id, sessionIdOf(ticket)),
				isNull(verificationCode.consumedAt),
				gt(verificationCode.expiresAt, new Date(now))
			)
		)
		.orderBy(desc(verificationCode.createdAt));
	return rows.filter((row) => (row.payload?.subject ?? null) === (target.subject ?? null));
}

/**
 * Makes a new code and, if `text` is a message maker, texts it; returns the ticket of the code (the
 * holder of the ticket is the one who may use the code). Without `text` nothing is sent: a number
 * with no account gets a code row like any other, so the answer to the caller is the same.
 * `replace`: earlier open codes for the same phone, purpose and subject stop working (one code per
 * link at the desk); login codes are not replaced, so nobody can void the owner's code by asking
 * for another one.
 */
export async function issue(
	db: Db,
	target: CodeFor,
	text: ((code: string, minutes: number) => string) | null,
	options: {
		replace: boolean;
		now?: number;
		/** the SMS template (Aliyun, Tencent Cloud) the text stands for; its values are code and minutes */
		templateId: string;
		/** whose staff may read the text on /staff/outbox in demo mode (null: administrators only) */
		communityCode: string | null;
	}
): Promise<string> {
	const now = options.now ?? Date.now();
	const code = newCode();
	const ticket = generateSessionToken();
	const minutes = codeLifetimeMs / 60_000;
	// the code and its text message commit together (one transaction, the outbox's enqueue)
	const id = await transaction(db, async (tx) => {
		if (options.replace) {
			for (const row of await openCodes(tx, target, now)) {
				await tx
					.update(verificationCode)
					.set({ consumedAt: new Date(now) })
					.where(eq(verificationCode.id, row.id));
			}
		}
		await tx.insert(verificationCode).values({
			id: sessionIdOf(ticket),
			phone: target.phone,
			purpose: target.purpose,
			codeHash: hashOf(code),
			payload: target.subject === undefined ? null : { subject: target.subject },
			expiresAt: new Date(now + codeLifetimeMs),
			createdAt: new Date(now)
		});
		if (!text) return 0;
		return await enqueue(tx, {
			recipient: target.phone,
			body: text(code, minutes),
			templateId: options.templateId,
			templateParams: { code, minutes: String(minutes) },
			communityCode: options.communityCode
		});
	});
	// by the clock, never a caller's `now` (a test's day in the future must not clear today's rows)
	await pruneNowAndThen(db);
	// sent now through the same claim as the poller; a failure is left to the poller's retries
	if (id)
		await deliverDue(db, { ids: [id] }).catch((error) =>
			log.error('inline sms send failed', {
				error: error instanceof Error ? error.message : String(error)
			})
		);
	return ticket;
}

export type CodeCheck = { status: 'ok'; id: string } | { status: 'wrong' | 'expired' };

/**
 * Spends one try of a code — the one the ticket names, or else the newest for the subject —
 * atomically (a burst of guesses gets exactly five tries), and says whether it matches. A matching
 * code stays usable until `consume` (the caller may still refuse, e.g. for a wrong password, and
 * the person may try again within the five tries).
 */
export async function check(
	db: Db,
	target: CodeFor & { code: string; ticket?: string },
	now = Date.now()
): Promise<CodeCheck> {
	const spent = await transaction(db, async (tx) => {
		const [newest] = await openCodes(tx, target, now, target.ticket);
		if (!newest) return undefined;
		const [row] = await tx
			.update(verificationCode)
			.set({ attempts: sql`${verificationCode.attempts} + 1` })
			.where(
				and(eq(verificationCode.id, newest.id), lt(verificationCode.attempts, maxCodeAttempts))
			)
			.returning({ id: verificationCode.id, codeHash: verificationCode.codeHash });
		return row;
	});
	if (!spent) return { status: 'expired' };
	return codesMatch(spent.codeHash, target.code)
		? { status: 'ok', id: spent.id }
		: { status: 'wrong' };
}

/** How long a spent or expired code's row is kept (a day), then removed with what it held. */
export const codeKeptMs = 24 * 60 * 60_000;

/**
 * Removes the rows of codes that expired more than a day ago: with them go the details of a
 * registration that was never finished (its payload). Called now and then by `issue` and
 * registration; cheap (the rows are few) and safe (nothing reads an expired code).
 */
export async function prune(db: Db, now = Date.now()): Promise<void> {
	await transaction(db, async (tx) => {
		await tx
			.delete(verificationCode)
			.where(lt(verificationCode.expiresAt, new Date(now - codeKeptMs)));
	});
}

/** One call in a hundred prunes: old rows go within a day or so on a portal in use. */
export async function pruneNowAndThen(db: Db, now = Date.now()): Promise<void> {
	if (Math.random() < 0.01) await prune(db, now);
}

/** A code that did its job works no more. */
export async function consume(db: Db, id: string, now = Date.now()): Promise<void> {
	await transaction(db, async (tx) => {
		await consumeIn(tx, id, now);
	});
}

/**
 * `consume` inside the caller's transaction (with the write the code allowed); false when another
 * request spent the code first (two requests racing with one code: one wins).
 */
export async function consumeIn(tx: Db, id: string, now = Date.now()): Promise<boolean> {
	const spent = await tx
		.update(verificationCode)
		.set({ consumedAt: new Date(now) })
		.where(and(eq(verificationCode.id, id), isNull(verificationCode.consumedAt)))
		.returning({ id: verificationCode.id });
	return spent.length === 1;
}
