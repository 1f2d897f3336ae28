import { and, eq, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { maskPhone } from '$lib/phone';
import type { Db } from '../db';
import { user } from '../db/schema';
import * as codes from './codes';
import * as devices from './device';
import { hashPassword, verifyPassword } from './password';
import { hit, limits, reset } from './rate-limit';
import type { Locale } from '$lib/paraglide/runtime';

/** A refused sign-in or code request (respond.ts `authRefusal` maps it to the one Refusal). */
export type LoginRefused = {
	ok: false;
	status: 400 | 429;
	message: string;
	retryAfterS?: number;
	/** code_required: the account is locked; the password and a texted code still sign in */
	reason?: 'code_required';
	errors?: Record<string, string>;
};
export type LoginResult = { ok: true; userId: number; locale: Locale } | LoginRefused;

export function tooMany(retryAfterS: number): LoginRefused {
	return {
		ok: false,
		status: 429,
		message: m.error_rate_limited({ minutes: minutesOf(retryAfterS) }),
		retryAfterS
	};
}

const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

function codeRequired(retryAfterS: number): LoginRefused {
	return {
		ok: false,
		status: 429,
		reason: 'code_required',
		message: m.error_login_code_required({ minutes: minutesOf(retryAfterS) }),
		retryAfterS
	};
}

const failed = (): LoginRefused => ({ ok: false, status: 400, message: m.error_login_failed() });

async function findAccount(db: Db, phone: string) {
	const [account] = await db
		.select({
			id: user.id,
			passwordHash: user.passwordHash,
			locale: user.locale,
			communityCode: user.communityCode
		})
		.from(user)
		.where(and(eq(user.phone, phone), isNull(user.deletedAt)))
		.limit(1);
	return account;
}

let dummyHash: Promise<string> | undefined;

/** An unknown phone costs the same argon2 time as a wrong password, so timing tells nothing. */
async function passwordOf(db: Db, phone: string, password: string) {
	const account = await findAccount(db, phone);
	dummyHash ??= hashPassword('lifecircle-no-such-account');
	const valid = await verifyPassword(account?.passwordHash ?? (await dummyHash), password);
	return account?.passwordHash && valid ? account : null;
}

export interface Proof {
	/** the texted code, once the account is locked, and the ticket that came with asking for it */
	code?: string;
	ticket?: string;
	/** the browser's device cookie, if it has signed in before */
	deviceToken?: string;
}

/**
 * Phone + password, rate-limited per client address and per account. Every attempt on an account is
 * counted before its password is checked (one atomic upsert), so a burst of guesses gets exactly
 * LOGIN_LIMIT_PER_ACCOUNT of them checked. Past the limit the password alone is not checked at all —
 * except from a device that signed in to this account before — and the password with a texted code
 * always is: a stranger's wrong guesses cannot lock the owner out.
 */
export async function authenticate(
	db: Db,
	phone: string,
	password: string,
	address: string,
	proof: Proof = {}
): Promise<LoginResult> {
	const byAddress = await hit(db, limits.loginAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	if (proof.code !== undefined) return withCode(db, phone, password, proof.code, proof.ticket);

	const byAccount = await hit(db, limits.loginAccount(), phone);
	if (!byAccount.allowed) {
		const device = await devices.find(db, proof.deviceToken);
		if (!device || device.userId !== (await findAccount(db, phone))?.id)
			return codeRequired(byAccount.retryAfterS);
		const byDevice = await hit(db, limits.loginDevice(), device.id);
		if (!byDevice.allowed) return codeRequired(byAccount.retryAfterS);
	}
	const account = await passwordOf(db, phone, password);
	if (!account) return failed();
	await reset(db, limits.loginAccount(), phone);
	return { ok: true, userId: account.id, locale: account.locale };
}

/**
 * Password and texted code: each try spends one of the code's five, so guessing gets nowhere. The
 * code counts only with the ticket of the request that asked for it, so a stranger's wrong guesses
 * (on their own tickets) cannot use up the owner's code.
 */
async function withCode(
	db: Db,
	phone: string,
	password: string,
	code: string,
	ticket: string | undefined
): Promise<LoginResult> {
	const checked = ticket
		? await codes.check(db, { phone, purpose: 'login', code, ticket })
		: { status: 'expired' as const };
	if (checked.status !== 'ok') {
		const message =
			checked.status === 'wrong' ? m.error_code_wrong() : m.error_login_code_expired();
		return { ok: false, status: 400, message, errors: { code: message } };
	}
	const account = await passwordOf(db, phone, password);
	if (!account) return failed();
	await codes.consume(db, checked.id);
	await reset(db, limits.loginAccount(), phone);
	return { ok: true, userId: account.id, locale: account.locale };
}

export type CodeRequestResult =
	{ ok: true; ticket: string; phoneMasked: string; expiresInS: number } | LoginRefused;

/**
 * Texts a login code to the account's phone. Rate-limited per address and per phone like
 * registration codes; a number without an account gets the same answer (and no text message).
 */
export async function requestCode(
	db: Db,
	phone: string,
	address: string
): Promise<CodeRequestResult> {
	const byAddress = await hit(db, limits.codeAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const byPhone = await hit(db, limits.codePhone(), phone);
	if (!byPhone.allowed) return tooMany(byPhone.retryAfterS);
	const account = await findAccount(db, phone);
	const ticket = await codes.issue(
		db,
		{ phone, purpose: 'login' },
		account?.passwordHash
			? (code, minutes) => m.sms_login_code({ code, minutes }, { locale: account.locale })
			: null,
		{ replace: false, templateId: 'login_code', communityCode: account?.communityCode ?? null }
	);
	return {
		ok: true,
		ticket,
		phoneMasked: maskPhone(phone),
		expiresInS: codes.codeLifetimeMs / 1000
	};
}
