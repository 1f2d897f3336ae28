/**
 * The version of the privacy notice (/privacy) a person agrees to. Change it when the notice changes
 * in substance (what is kept, why, for how long, who sees it): every resident is then asked again,
 * once, at their next page after signing in.
 */
export const privacyNoticeVersion = '2026-12-01';
