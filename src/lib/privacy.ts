/**
 * The version of the privacy notice (/privacy) a person agrees to. Change it when the notice changes
 * in substance (what is kept, why, for how long, who sees it): every resident is then asked again,
 * once, at their next page after signing in.
 */
export const privacyNoticeVersion = '2026-12-01';

/**
 * Whether a person must agree to the current notice before their next page. Staff and administrator
 * accounts are work accounts an administrator creates (个人信息保护法 art. 13 (1) 2: human-resources
 * management) and are not asked.
 */
export function consentRequired(person: { role: string; privacyNoticeVersion: string | null }) {
	return person.role === 'resident' && person.privacyNoticeVersion !== privacyNoticeVersion;
}
