import type { Cookies } from '@sveltejs/kit';
import { and, eq, gt } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { trustedDevice } from '../db/schema';
import { generateSessionToken, sessionIdOf } from './session';
import { dayMs } from '$lib/time';

/**
 * "A device that signed in before": a successful sign-in leaves a long-lived, httpOnly `device`
 * cookie holding a random token (only its SHA-256 is stored, with the account). While failed
 * guesses have locked an account, its owner still signs in with the password from such a device —
 * a stranger who only knows the phone number cannot lock them out (issue 14, finding 11).
 * One browser remembers one account: another person signing in there replaces it.
 */

export const deviceCookieName = 'device';
/** renewed at every sign-in; under the 400 days browsers allow a cookie */
export const deviceLifetimeMs = 180 * dayMs;

export interface TrustedDevice {
	id: string;
	userId: number;
}

/** The account a device token was issued to, if it is still trusted. */
export async function find(
	db: Db,
	token: string | undefined,
	now = Date.now()
): Promise<TrustedDevice | null> {
	if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
	const [row] = await db
		.select({ id: trustedDevice.id, userId: trustedDevice.userId })
		.from(trustedDevice)
		.where(
			and(eq(trustedDevice.id, sessionIdOf(token)), gt(trustedDevice.expiresAt, new Date(now)))
		)
		.limit(1);
	return row ?? null;
}

/** After a sign-in: keeps (and renews) this browser's device token for the account, or issues one. */
export async function remember(
	db: Db,
	cookies: Cookies,
	userId: number,
	secure: boolean,
	now = Date.now()
): Promise<void> {
	const presented = cookies.get(deviceCookieName);
	const expiresAt = new Date(now + deviceLifetimeMs);
	const token = await transaction(db, async (tx) => {
		const known = await find(tx, presented, now);
		if (known && known.userId === userId) {
			await tx
				.update(trustedDevice)
				.set({ lastUsedAt: new Date(now), expiresAt })
				.where(eq(trustedDevice.id, known.id));
			return presented!;
		}
		// another account's device token here is replaced (and its row goes)
		if (known) await tx.delete(trustedDevice).where(eq(trustedDevice.id, known.id));
		const issued = generateSessionToken();
		await tx
			.insert(trustedDevice)
			.values({ id: sessionIdOf(issued), userId, lastUsedAt: new Date(now), expiresAt });
		return issued;
	});
	cookies.set(deviceCookieName, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

/** "Sign out everywhere" also forgets every device: none of them bypasses a lock any more. */
export async function forgetAll(db: Db, userId: number): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.delete(trustedDevice).where(eq(trustedDevice.userId, userId));
	});
}
