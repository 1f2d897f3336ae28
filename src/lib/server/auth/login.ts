import { and, eq, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { getDb } from '../db';
import { user } from '../db/schema';
import { hashPassword, verifyPassword } from './password';
import { hit, limits, peek, reset } from './rate-limit';

export type Refusal = { ok: false; status: 400 | 429; message: string; retryAfterS?: number };
export type LoginResult = { ok: true; userId: number; locale: 'zh-CN' | 'en' } | Refusal;

export function tooMany(retryAfterS: number): Refusal {
	return {
		ok: false,
		status: 429,
		message: m.error_rate_limited({ minutes: Math.max(1, Math.ceil(retryAfterS / 60)) }),
		retryAfterS
	};
}

let dummyHash: Promise<string> | undefined;

/**
 * Phone + password, rate-limited per client address (every attempt) and per account (failures).
 * An unknown phone costs the same argon2 time as a wrong password, so timing tells nothing.
 */
export async function authenticate(
	phone: string,
	password: string,
	address: string
): Promise<LoginResult> {
	const byAddress = hit(limits.loginAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const byAccount = peek(limits.loginAccount(), phone);
	if (!byAccount.allowed) return tooMany(byAccount.retryAfterS);

	const account = getDb()
		.select({ id: user.id, passwordHash: user.passwordHash, locale: user.locale })
		.from(user)
		.where(and(eq(user.phone, phone), isNull(user.deletedAt)))
		.get();
	dummyHash ??= hashPassword('lifecircle-no-such-account');
	const valid = await verifyPassword(account?.passwordHash ?? (await dummyHash), password);
	if (!account?.passwordHash || !valid) {
		const failures = hit(limits.loginAccount(), phone);
		if (!failures.allowed) return tooMany(failures.retryAfterS);
		return { ok: false, status: 400, message: m.error_login_failed() };
	}
	reset(limits.loginAccount(), phone);
	return { ok: true, userId: account.id, locale: account.locale };
}
