import type { Limit } from '../auth/rate-limit';

const hourMs = 3_600_000;

/** Per person: a handful of needs an hour is plenty for a resident (and stops a flood of them). */
export const raiseLimit: Limit = { name: 'need-raise', max: 5, windowMs: hourMs };
/** Per person: "我也需要" on many needs is fine, a script hammering the button is not. */
export const supportLimit: Limit = { name: 'need-support', max: 60, windowMs: hourMs };
