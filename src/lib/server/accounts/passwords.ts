import { and, eq, ne } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { transaction, type Db } from '../db';
import { session, trustedDevice, user } from '../db/schema';
import * as codes from '../auth/codes';
import { hashPassword, verifyPassword } from '../auth/password';
import { hit, limits, reset } from '../auth/rate-limit';
import { proveByCode, tooMany, type LoginResult, type LoginRefused } from '../auth/login';
import { passwordHashOf } from './users';

/**
 * The account's sessions and remembered devices end with a password change, except the session
 * (and device) the change was made from; a reset ends them all.
 */
async function setPassword(
	tx: Db,
	userId: number,
	passwordHash: string,
	keep: { sessionId: string | null; deviceId: string | null }
) {
	await tx.update(user).set({ passwordHash }).where(eq(user.id, userId));
	await tx
		.delete(session)
		.where(
			keep.sessionId
				? and(eq(session.userId, userId), ne(session.id, keep.sessionId))
				: eq(session.userId, userId)
		);
	await tx
		.delete(trustedDevice)
		.where(
			keep.deviceId
				? and(eq(trustedDevice.userId, userId), ne(trustedDevice.id, keep.deviceId))
				: eq(trustedDevice.userId, userId)
		);
}

/**
 * 找回密码: the texted reset code (with its ticket) sets a new password. Every session and remembered
 * device of the account ends; the caller signs the person in afresh. The code is spent in the same
 * transaction as the password is set, so it works once.
 */
export async function resetByCode(
	db: Db,
	input: { phone: string; code: string; ticket: string; password: string },
	address: string
): Promise<LoginResult> {
	const proved = await proveByCode(db, { ...input, purpose: 'reset' }, address);
	if (!proved.ok) return proved;
	const passwordHash = await hashPassword(input.password);
	const { account, codeId } = proved;
	const done = await transaction(db, async (tx) => {
		if (!(await codes.consumeIn(tx, codeId))) return false;
		await setPassword(tx, account.id, passwordHash, { sessionId: null, deviceId: null });
		return true;
	});
	if (!done) {
		const message = m.error_login_code_expired();
		return { ok: false, status: 400, message, errors: { code: message } };
	}
	await reset(db, limits.loginAccount(), input.phone);
	return { ok: true, userId: account.id, locale: account.locale };
}

export type ChangeResult = { ok: true } | LoginRefused;

/**
 * 修改密码 in the profile: the current password, then the new one. Tries are limited per account
 * (someone holding an unlocked phone cannot guess the password at leisure); every other session and
 * remembered device of the account ends, the one in hand stays.
 */
export async function change(
	db: Db,
	person: { id: number; phone: string },
	input: { currentPassword: string; password: string },
	keep: { sessionId: string | null; deviceId: string | null }
): Promise<ChangeResult> {
	const tries = await hit(db, limits.passwordChange(), String(person.id));
	if (!tries.allowed) return tooMany(tries.retryAfterS);
	const stored = await passwordHashOf(db, person.id);
	if (!stored || !(await verifyPassword(stored, input.currentPassword))) {
		const message = m.accounts_error_current_password();
		return { ok: false, status: 400, message, errors: { currentPassword: message } };
	}
	const passwordHash = await hashPassword(input.password);
	await transaction(db, async (tx) => {
		await setPassword(tx, person.id, passwordHash, keep);
	});
	await reset(db, limits.passwordChange(), String(person.id));
	return { ok: true };
}
