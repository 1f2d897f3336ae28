import { and, eq, gt, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { transaction, type Db } from '../db';
import { user, verificationCode } from '../db/schema';
import { hashPassword } from '../auth/password';
import { generateSessionToken, sessionIdOf } from '../auth/session';
import { hit, limits } from '../auth/rate-limit';
import {
	codeLifetimeMs,
	codesMatch,
	hashOf,
	maxCodeAttempts,
	newCode,
	pruneNowAndThen
} from '../auth/codes';
import { tooMany, type LoginRefused } from '../auth/login';
import type { Registration } from '../auth/schemas';
import { deliverDue, enqueue } from '../outbox';
import { findByPhone, resolveHome } from './users';
import { log } from '../log';
import { attachInvitations } from './invitations';
import type { Locale } from '$lib/paraglide/runtime';
import { privacyNoticeVersion } from '$lib/privacy';

interface Pending {
	name: string;
	passwordHash: string;
	communityCode: string;
	homeResidenceId: number | null;
	birthYear: number | null;
	locale: Locale;
	/** the notice agreed to on the form, and when (kept on the account once it exists) */
	privacyNoticeVersion: string;
	privacyConsentedAtMs: number;
}

type Invalid = { ok: false; status: 400; message: string; errors: Record<string, string> };
export type StartResult = { ok: true; ticket: string; expiresAt: Date } | Invalid | LoginRefused;
export type VerifyResult =
	| { ok: true; userId: number; locale: Locale }
	| Invalid
	| { ok: false; status: 410; message: string };

function invalid(field: string, message: string): Invalid {
	return { ok: false, status: 400, message: m.error_form_invalid(), errors: { [field]: message } };
}

/**
 * Queues the code in the caller's transaction (readable on /staff/outbox by staff of the community
 * chosen at registration): the code and its text message commit together.
 */
async function queueCode(tx: Db, phone: string, code: string, communityCode: string) {
	const templateParams = { code, minutes: String(codeLifetimeMs / 60_000) };
	return await enqueue(tx, {
		recipient: phone,
		body: m.sms_verification_code(templateParams),
		templateId: 'verification_code',
		templateParams,
		communityCode
	});
}

/** Sends a queued code now through the same claim as the poller; a failure is left to its retries. */
async function sendNow(db: Db, id: number) {
	await deliverDue(db, { ids: [id] }).catch((error) =>
		log.error('inline sms send failed', {
			error: error instanceof Error ? error.message : String(error)
		})
	);
}

/**
 * Step 1: checks the details, keeps them (password already hashed) under a random ticket and
 * texts a code. Rate-limited per client address and per phone.
 */
export async function start(db: Db, input: Registration, address: string): Promise<StartResult> {
	const byAddress = await hit(db, limits.codeAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const home = await resolveHome(db, input.communityCode, input.homeResidenceId);
	if (!home.ok) return invalid(home.field, home.message);
	if (await findByPhone(db, input.phone)) return invalid('phone', m.error_phone_registered());
	const byPhone = await hit(db, limits.codePhone(), input.phone);
	if (!byPhone.allowed) return tooMany(byPhone.retryAfterS);

	const pending: Pending = {
		name: input.name,
		passwordHash: await hashPassword(input.password),
		communityCode: home.communityCode,
		homeResidenceId: home.homeResidenceId,
		birthYear: input.birthYear ?? null,
		locale: getLocale() === 'en' ? 'en' : 'zh-CN',
		privacyNoticeVersion,
		privacyConsentedAtMs: Date.now()
	};
	const ticket = generateSessionToken();
	const code = newCode();
	const expiresAt = new Date(Date.now() + codeLifetimeMs);
	const id = await transaction(db, async (tx) => {
		await tx.insert(verificationCode).values({
			id: sessionIdOf(ticket),
			phone: input.phone,
			purpose: 'register',
			codeHash: hashOf(code),
			payload: { ...pending },
			expiresAt
		});
		return await queueCode(tx, input.phone, code, home.communityCode);
	});
	await sendNow(db, id);
	await pruneNowAndThen(db);
	return { ok: true, ticket, expiresAt };
}

async function openVerification(db: Db, ticket: string, now: number) {
	const [row] = await db
		.select()
		.from(verificationCode)
		.where(
			and(
				eq(verificationCode.id, sessionIdOf(ticket)),
				isNull(verificationCode.consumedAt),
				gt(verificationCode.expiresAt, new Date(now))
			)
		)
		.limit(1);
	return row;
}

/** The phone a registration in progress is for (to show it masked on the code page). */
export async function pendingPhone(
	db: Db,
	ticket: string,
	now = Date.now()
): Promise<string | null> {
	const row = await openVerification(db, ticket, now);
	return row && row.attempts < maxCodeAttempts ? row.phone : null;
}

const expired = () => ({
	ok: false as const,
	status: 410 as const,
	message: m.error_code_expired()
});

/**
 * Step 2: the right code creates the account; five wrong ones end the ticket. One transaction: a
 * try is spent (or the code consumed) with the check that saw it.
 */
export async function verify(
	db: Db,
	ticket: string,
	code: string,
	now = Date.now()
): Promise<VerifyResult> {
	return await transaction(db, async (tx): Promise<VerifyResult> => {
		const row = await openVerification(tx, ticket, now);
		if (!row || row.attempts >= maxCodeAttempts) return expired();
		if (!codesMatch(row.codeHash, code)) {
			await tx
				.update(verificationCode)
				.set({ attempts: row.attempts + 1 })
				.where(eq(verificationCode.id, row.id));
			return row.attempts + 1 >= maxCodeAttempts
				? expired()
				: invalid('code', m.error_code_wrong());
		}
		const { privacyConsentedAtMs, ...pending } = row.payload as unknown as Pending;
		await tx
			.update(verificationCode)
			.set({ consumedAt: new Date(now) })
			.where(eq(verificationCode.id, row.id));
		// Someone may have registered the number since the code was sent.
		if (await findByPhone(tx, row.phone)) return invalid('code', m.error_phone_registered());
		const [created] = await tx
			.insert(user)
			.values({
				...pending,
				// a registration begun before consent was asked has none: asked at the first page
				privacyConsentedAt: privacyConsentedAtMs ? new Date(privacyConsentedAtMs) : null,
				phone: row.phone,
				role: 'resident',
				phoneVerifiedAt: new Date(now)
			})
			.returning({ id: user.id });
		// invitations sent to this number before it had an account now reach its owner
		await attachInvitations(tx, row.phone, created.id);
		return { ok: true as const, userId: created.id, locale: pending.locale };
	});
}

/** A new code for the same registration (the old one stops working). */
export async function resend(db: Db, ticket: string, address: string, now = Date.now()) {
	const row = await openVerification(db, ticket, now);
	if (!row) return expired();
	const byAddress = await hit(db, limits.codeAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const byPhone = await hit(db, limits.codePhone(), row.phone);
	if (!byPhone.allowed) return tooMany(byPhone.retryAfterS);
	const code = newCode();
	const communityCode = (row.payload as unknown as Pending).communityCode;
	const id = await transaction(db, async (tx) => {
		await tx
			.update(verificationCode)
			.set({ codeHash: hashOf(code), attempts: 0, expiresAt: new Date(now + codeLifetimeMs) })
			.where(eq(verificationCode.id, row.id));
		return await queueCode(tx, row.phone, code, communityCode);
	});
	await sendNow(db, id);
	return { ok: true as const };
}
