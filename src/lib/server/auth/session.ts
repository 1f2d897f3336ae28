import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { createHash } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { prepared } from '../db/prepared';
import { session, user } from '../db/schema';
import { dayMs } from '$lib/time';
import type { Locale } from '$lib/paraglide/runtime';

export const sessionCookieName = 'session';
export const sessionLifetimeMs = 30 * dayMs;
/** Sliding expiry: a session used in its last 15 days is extended to a full 30 again. */
const renewWithinMs = 15 * dayMs;

/** What the rest of the server may know about the signed-in person (never the password hash). */
export interface SessionUser {
	id: number;
	name: string;
	phone: string;
	role: 'resident' | 'staff' | 'admin';
	communityCode: string | null;
	homeResidenceId: number | null;
	walkingSpeed: 'standard' | 'slow' | 'custom';
	walkingSpeedMps: number | null;
	elderMode: boolean;
	locale: Locale;
	/** the privacy notice version the person agreed to (null: never asked; see src/lib/privacy.ts) */
	privacyNoticeVersion: string | null;
}

/** cookie: a browser's session; bearer: a token an app sends as `Authorization: Bearer …` */
export type SessionKind = 'cookie' | 'bearer';

export interface SessionInfo {
	id: string;
	expiresAt: Date;
	kind: SessionKind;
}

/** `renewed`: the expiry slid forward, so the cookie must be written again with the new one. */
export type SessionValidation =
	| { session: SessionInfo; user: SessionUser; renewed: boolean }
	| { session: null; user: null; renewed: false };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored id of a session: the token's SHA-256 in hex (node:crypto's, ~10× the pure-JS one per request). */
export function sessionIdOf(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function create(
	db: Db,
	token: string,
	userId: number,
	userAgent: string | null,
	now = Date.now(),
	kind: SessionKind = 'cookie'
) {
	const row = {
		id: sessionIdOf(token),
		userId,
		expiresAt: new Date(now + sessionLifetimeMs),
		userAgent: userAgent?.slice(0, 120) ?? null,
		kind
	};
	await transaction(db, async (tx) => {
		await tx.insert(session).values(row);
	});
	return row;
}

/**
 * The signed-in person of a session that has not expired, of the kind presented (a bearer token is
 * no cookie and the other way round), whose account is neither deleted nor disabled. It runs on
 * every signed-in request.
 */
async function lookup(db: Db, id: string, now: number, kind: SessionKind) {
	const [row] = await prepared(db, 'sessionLookup', ($) =>
		db
			.select({
				session: { id: session.id, expiresAt: session.expiresAt, kind: session.kind },
				user: {
					id: user.id,
					name: user.name,
					phone: user.phone,
					role: user.role,
					communityCode: user.communityCode,
					homeResidenceId: user.homeResidenceId,
					walkingSpeed: user.walkingSpeed,
					walkingSpeedMps: user.walkingSpeedMps,
					elderMode: user.elderMode,
					locale: user.locale,
					privacyNoticeVersion: user.privacyNoticeVersion
				}
			})
			.from(session)
			.innerJoin(user, eq(user.id, session.userId))
			.where(
				and(
					eq(session.id, $.id),
					gt(session.expiresAt, $.now),
					eq(session.kind, $.kind),
					isNull(user.deletedAt),
					isNull(user.disabledAt)
				)
			)
	).execute({ id, now, kind });
	return row;
}

/**
 * The session of a token, slid forward when it is due. Every signed-in request asks, so the lookup
 * reads without a transaction; only a renewal (at most once a day or so per session) writes.
 */
export async function validate(
	db: Db,
	token: string,
	now = Date.now(),
	kind: SessionKind = 'cookie'
): Promise<SessionValidation> {
	if (!/^[a-z2-7]{32}$/.test(token)) return { session: null, user: null, renewed: false };
	const id = sessionIdOf(token);
	const row = await lookup(db, id, now, kind);
	if (!row) return { session: null, user: null, renewed: false };
	if (row.session.expiresAt.getTime() - now < renewWithinMs) {
		row.session.expiresAt = new Date(now + sessionLifetimeMs);
		const expiresAt = row.session.expiresAt.getTime();
		await transaction(db, async (tx) => {
			await prepared(tx, 'sessionRenewal', ($) =>
				tx
					.update(session)
					.set({ expiresAt: sql`${$.expiresAt}` })
					.where(eq(session.id, $.id))
			).execute({ id, expiresAt });
		});
		return { ...row, renewed: true };
	}
	return { ...row, renewed: false };
}

export async function invalidate(db: Db, sessionId: string): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.delete(session).where(eq(session.id, sessionId));
	});
}

export async function invalidateAll(db: Db, userId: number): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.delete(session).where(eq(session.userId, userId));
	});
}

/** Ends every session of a person except the one given (or all of them). */
export async function invalidateOthers(
	db: Db,
	userId: number,
	keepSessionId: string | null
): Promise<void> {
	await transaction(db, async (tx) => {
		await tx
			.delete(session)
			.where(
				keepSessionId
					? and(eq(session.userId, userId), ne(session.id, keepSessionId))
					: eq(session.userId, userId)
			);
	});
}

/**
 * A handle for one session that the owner's page may hold: a hash of the session id, so neither
 * the token nor the stored id ever reaches a browser.
 */
export function handleOf(sessionId: string): string {
	return sessionIdOf(sessionId).slice(0, 16);
}

export async function listForUser(db: Db, userId: number, now = Date.now()) {
	return await db
		.select({
			id: session.id,
			createdAt: session.createdAt,
			expiresAt: session.expiresAt,
			userAgent: session.userAgent,
			kind: session.kind
		})
		.from(session)
		.where(and(eq(session.userId, userId), gt(session.expiresAt, new Date(now))))
		.orderBy(desc(session.createdAt));
}

/** Ends one of a person's own sessions by its handle; false when it is not theirs. */
export async function invalidateByHandle(db: Db, userId: number, handle: string): Promise<boolean> {
	const match = (await listForUser(db, userId)).find((row) => handleOf(row.id) === handle);
	if (match) await invalidate(db, match.id);
	return Boolean(match);
}

/** The cookie's flags: never readable by scripts, not sent on cross-site POSTs, HTTPS-only when served so. */
export function cookieOptions(secure: boolean) {
	return { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
}

/** Secure cookies whenever the public origin is HTTPS (adapter-node derives it from ORIGIN). */
export function isSecure(url: URL): boolean {
	return url.protocol === 'https:';
}

export function setCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
	cookies.set(sessionCookieName, token, { ...cookieOptions(secure), expires: expiresAt });
}

export function deleteCookie(cookies: Cookies, secure: boolean): void {
	cookies.set(sessionCookieName, '', { ...cookieOptions(secure), maxAge: 0 });
}
