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
	status: 400 | 403 | 429;
	message: string;
	retryAfterS?: number;
	/**
	 * code_required: the account is locked; the password and a texted code still sign in.
	 * account_disabled: an administrator disabled it (said only to someone who proved the password
	 * or the code, so it reveals nothing to a stranger)
	 */
	reason?: 'code_required' | 'account_disabled';
	errors?: Record<string, string>;
};
export type LoginResult = { ok: true; userId: number; locale: Locale } | LoginRefused;

export function tooMany(retryAfterS: number): LoginRefused & { status: 429 } {
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

export const disabled = (): LoginRefused => ({
	ok: false,
	status: 403,
	reason: 'account_disabled',
	message: m.accounts_error_disabled()
});

export async function findAccount(db: Db, phone: string) {
	const [account] = await db
		.select({
			id: user.id,
			passwordHash: user.passwordHash,
			locale: user.locale,
			communityCode: user.communityCode,
			disabledAt: user.disabledAt
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
	if (account.disabledAt) return disabled();
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
	if (account.disabledAt) return disabled();
	await codes.consume(db, checked.id);
	await reset(db, limits.loginAccount(), phone);
	return { ok: true, userId: account.id, locale: account.locale };
}

export type CodeRequestResult =
	{ ok: true; ticket: string; phoneMasked: string; expiresInS: number } | LoginRefused;

const texts = {
	login: { template: 'login_code', message: m.sms_login_code },
	reset: { template: 'password_reset_code', message: m.accounts_sms_reset_code }
} as const;

/**
 * Texts a login (or password reset) code to the account's phone. Rate-limited per address and per
 * phone like registration codes; a number without an account that can sign in (none, no password,
 * disabled) gets the same answer and no text message, so the answer tells nobody whether a number
 * has an account.
 */
export async function requestCode(
	db: Db,
	phone: string,
	address: string,
	purpose: 'login' | 'reset' = 'login'
): Promise<CodeRequestResult> {
	const byAddress = await hit(db, limits.codeAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const byPhone = await hit(db, limits.codePhone(), phone);
	if (!byPhone.allowed) return tooMany(byPhone.retryAfterS);
	const account = await findAccount(db, phone);
	const reachable = account?.passwordHash && !account.disabledAt;
	const { template, message } = texts[purpose];
	const ticket = await codes.issue(
		db,
		{ phone, purpose },
		reachable ? (code, minutes) => message({ code, minutes }, { locale: account.locale }) : null,
		{ replace: false, templateId: template, communityCode: account?.communityCode ?? null }
	);
	return {
		ok: true,
		ticket,
		phoneMasked: maskPhone(phone),
		expiresInS: codes.codeLifetimeMs / 1000
	};
}

/**
 * Spends one try of the code the ticket names (five per code) and finds the account it signs in
 * to. Every try also counts against the client address's login limit. A code for a number without
 * such an account was never texted: whatever is guessed, the answer is "wrong code".
 */
export async function proveByCode(
	db: Db,
	target: { phone: string; code: string; ticket: string; purpose: 'login' | 'reset' },
	address: string
): Promise<
	| { ok: true; codeId: string; account: NonNullable<Awaited<ReturnType<typeof findAccount>>> }
	| LoginRefused
> {
	const byAddress = await hit(db, limits.loginAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const checked = await codes.check(db, target);
	const account = checked.status === 'ok' ? await findAccount(db, target.phone) : undefined;
	if (checked.status !== 'ok' || !account?.passwordHash) {
		const message =
			checked.status === 'expired' ? m.error_login_code_expired() : m.error_code_wrong();
		return { ok: false, status: 400, message, errors: { code: message } };
	}
	if (account.disabledAt) return disabled();
	return { ok: true, codeId: checked.id, account };
}

/**
 * 短信验证码登录: the phone, the texted code and the ticket of the request that asked for it sign
 * in, for every role. The account's lock by failed passwords is lifted: the owner proved the phone.
 */
export async function authenticateByCode(
	db: Db,
	input: { phone: string; code: string; ticket: string },
	address: string
): Promise<LoginResult> {
	const proved = await proveByCode(db, { ...input, purpose: 'login' }, address);
	if (!proved.ok) return proved;
	await codes.consume(db, proved.codeId);
	await reset(db, limits.loginAccount(), input.phone);
	return { ok: true, userId: proved.account.id, locale: proved.account.locale };
}
