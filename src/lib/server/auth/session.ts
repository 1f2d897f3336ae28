import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
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
}

export interface SessionInfo {
	id: string;
	expiresAt: Date;
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

export function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function create(
	db: Db,
	token: string,
	userId: number,
	userAgent: string | null,
	now = Date.now()
) {
	const row = {
		id: sessionIdOf(token),
		userId,
		expiresAt: new Date(now + sessionLifetimeMs),
		userAgent: userAgent?.slice(0, 120) ?? null
	};
	db.insert(session).values(row).run();
	return row;
}

/** The signed-in person of a session that has not expired (it runs on every signed-in request). */
function lookup(db: Db, id: string, now: number) {
	return prepared(db, 'sessionLookup', ($) =>
		db
			.select({
				session: { id: session.id, expiresAt: session.expiresAt },
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
					locale: user.locale
				}
			})
			.from(session)
			.innerJoin(user, eq(user.id, session.userId))
			.where(and(eq(session.id, $.id), gt(session.expiresAt, $.now), isNull(user.deletedAt)))
	).get({ id, now });
}

export function validate(db: Db, token: string, now = Date.now()): SessionValidation {
	if (!/^[a-z2-7]{32}$/.test(token)) return { session: null, user: null, renewed: false };
	const id = sessionIdOf(token);
	const row = lookup(db, id, now);
	if (!row) return { session: null, user: null, renewed: false };
	if (row.session.expiresAt.getTime() - now < renewWithinMs) {
		row.session.expiresAt = new Date(now + sessionLifetimeMs);
		prepared(db, 'sessionRenewal', ($) =>
			db
				.update(session)
				.set({ expiresAt: sql`${$.expiresAt}` })
				.where(eq(session.id, $.id))
		).run({ id, expiresAt: row.session.expiresAt.getTime() });
		return { ...row, renewed: true };
	}
	return { ...row, renewed: false };
}

export function invalidate(db: Db, sessionId: string): void {
	db.delete(session).where(eq(session.id, sessionId)).run();
}

export function invalidateAll(db: Db, userId: number): void {
	db.delete(session).where(eq(session.userId, userId)).run();
}

/** Ends every session of a person except the one given (or all of them). */
export function invalidateOthers(db: Db, userId: number, keepSessionId: string | null): void {
	db.delete(session)
		.where(
			keepSessionId
				? and(eq(session.userId, userId), ne(session.id, keepSessionId))
				: eq(session.userId, userId)
		)
		.run();
}

/**
 * A handle for one session that the owner's page may hold: a hash of the session id, so neither
 * the token nor the stored id ever reaches a browser.
 */
export function handleOf(sessionId: string): string {
	return sessionIdOf(sessionId).slice(0, 16);
}

export function listForUser(db: Db, userId: number, now = Date.now()) {
	return db
		.select({
			id: session.id,
			createdAt: session.createdAt,
			expiresAt: session.expiresAt,
			userAgent: session.userAgent
		})
		.from(session)
		.where(and(eq(session.userId, userId), gt(session.expiresAt, new Date(now))))
		.orderBy(desc(session.createdAt))
		.all();
}

/** Ends one of a person's own sessions by its handle; false when it is not theirs. */
export function invalidateByHandle(db: Db, userId: number, handle: string): boolean {
	const match = listForUser(db, userId).find((row) => handleOf(row.id) === handle);
	if (match) invalidate(db, match.id);
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
