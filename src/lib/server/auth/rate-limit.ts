import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq, lte, sql } from 'drizzle-orm';
import { setting } from '../config';
import { transaction, type Db } from '../db';
import { rateLimit } from '../db/schema';

/**
 * Fixed-window counters in the database, so every server process sees the same counts (DESIGN:
 * no state in memory another instance would need). One upsert per hit in its own transaction,
 * atomic in SQLite and PostgreSQL alike: concurrent hits each count, none is lost.
 */
export interface Limit {
	name: string;
	max: number;
	windowMs: number;
}

export interface LimitState {
	allowed: boolean;
	count: number;
	/** seconds until the window resets (0 when allowed) */
	retryAfterS: number;
}

const minute = 60_000;

/** The limits, read per call so tests and operators can set them by environment. */
export const limits = {
	/** login attempts per account (phone), counted before the password is checked */
	loginAccount: (): Limit => ({
		name: 'login-account',
		max: setting('LOGIN_LIMIT_PER_ACCOUNT'),
		windowMs: 15 * minute
	}),
	/** password tries from a trusted device while its account is locked (per device) */
	loginDevice: (): Limit => ({
		name: 'login-device',
		max: setting('LOGIN_LIMIT_PER_ACCOUNT'),
		windowMs: 15 * minute
	}),
	/** tries of the current password when changing it in the profile (per account) */
	passwordChange: (): Limit => ({
		name: 'password-change',
		max: setting('LOGIN_LIMIT_PER_ACCOUNT'),
		windowMs: 15 * minute
	}),
	/** family invitations sent per account */
	inviteAccount: (): Limit => ({
		name: 'invite-account',
		max: setting('INVITE_LIMIT_PER_ACCOUNT'),
		windowMs: 60 * minute
	}),
	/** family invitations sent per client address */
	inviteAddress: (): Limit => ({
		name: 'invite-address',
		max: setting('INVITE_LIMIT_PER_IP'),
		windowMs: 60 * minute
	}),
	/** login attempts per client address (a community centre may share one address) */
	loginAddress: (): Limit => ({
		name: 'login-address',
		max: setting('LOGIN_LIMIT_PER_IP'),
		windowMs: 15 * minute
	}),
	/** verification codes sent per phone */
	codePhone: (): Limit => ({
		name: 'code-phone',
		max: setting('CODE_LIMIT_PER_PHONE'),
		windowMs: 60 * minute
	}),
	/** verification codes requested per client address */
	codeAddress: (): Limit => ({
		name: 'code-address',
		max: setting('CODE_LIMIT_PER_IP'),
		windowMs: 60 * minute
	})
};

function keyOf(limit: Limit, subject: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`${limit.name}\u0000${subject}`)));
}

function state(limit: Limit, count: number, resetAt: number, now: number): LimitState {
	const allowed = count <= limit.max;
	return {
		allowed,
		count,
		retryAfterS: allowed ? 0 : Math.max(1, Math.ceil((resetAt - now) / 1000))
	};
}

/** Counts one attempt and says whether it is within the limit. */
export async function hit(
	db: Db,
	limit: Limit,
	subject: string,
	now = Date.now()
): Promise<LimitState> {
	const key = keyOf(limit, subject);
	const resetAt = new Date(now + limit.windowMs);
	const expired = sql`${rateLimit.resetAt} <= ${now}`;
	const [row] = await transaction(
		db,
		async (tx) =>
			await tx
				.insert(rateLimit)
				.values({ key, count: 1, resetAt })
				.onConflictDoUpdate({
					target: rateLimit.key,
					set: {
						count: sql`case when ${expired} then 1 else ${rateLimit.count} + 1 end`,
						resetAt: sql`case when ${expired} then ${resetAt.getTime()} else ${rateLimit.resetAt} end`
					}
				})
				.returning({ count: rateLimit.count, resetAt: rateLimit.resetAt })
	);
	// Old windows are garbage; clearing them now and then keeps the table to the active ones.
	if (row.count === 1 && Math.random() < 0.01) await prune(db, now);
	return state(limit, row.count, row.resetAt.getTime(), now);
}

/** Whether one more attempt would be allowed, without counting it. */
export async function peek(
	db: Db,
	limit: Limit,
	subject: string,
	now = Date.now()
): Promise<LimitState> {
	const [row] = await db
		.select({ count: rateLimit.count, resetAt: rateLimit.resetAt })
		.from(rateLimit)
		.where(eq(rateLimit.key, keyOf(limit, subject)))
		.limit(1);
	if (!row || row.resetAt.getTime() <= now) return state(limit, 1, now + limit.windowMs, now);
	return state(limit, row.count + 1, row.resetAt.getTime(), now);
}

export async function reset(db: Db, limit: Limit, subject: string): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.delete(rateLimit).where(eq(rateLimit.key, keyOf(limit, subject)));
	});
}

export async function prune(db: Db, now = Date.now()): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.delete(rateLimit).where(lte(rateLimit.resetAt, new Date(now)));
	});
}
