import { eq } from 'drizzle-orm';
import { privacyNoticeVersion } from '$lib/privacy';
import { transaction, type Db } from '../db';
import { user } from '../db/schema';

/**
 * Consent to the privacy notice (个人信息保护法 art. 13, 14, 17): residents give it when they register
 * and, for accounts older than the notice (or an older version of it), once at their next page after
 * signing in. Staff and administrator accounts are work accounts an administrator creates (art. 13
 * (1) 2: human-resources management) and are not asked (`consentRequired` in $lib/privacy, which the
 * session's answer reads too). The version and time are kept on the user.
 */
/** The current notice, agreed to now (the values a new account is created with). */
export function consentNow(now = Date.now()) {
	return { privacyNoticeVersion, privacyConsentedAt: new Date(now) };
}

export async function recordConsent(db: Db, userId: number, now = Date.now()): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.update(user).set(consentNow(now)).where(eq(user.id, userId));
	});
}

/** Paths a resident who has not agreed yet may still open: the notice, leaving, deleting. */
const openWithoutConsent = /^\/(privacy|logout|profile\/delete|login|register)(\/|$)/;

export function mayOpenWithoutConsent(pathname: string): boolean {
	return (
		pathname.startsWith('/api/') ||
		pathname.startsWith('/_app/') ||
		openWithoutConsent.test(pathname)
	);
}
