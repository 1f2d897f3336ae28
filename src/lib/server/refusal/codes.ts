/**
 * Every code a refusal can carry, with its HTTP status and what it means: the one table pages, the
 * JSON API and README ("Error codes", checked against this by codes.spec.ts) read.
 */
export const codes = {
	invalid_input: {
		status: 400,
		meaning:
			'a field, query parameter or id is malformed or out of range; the message (and `fields` for a form) says which'
	},
	invalid_json: { status: 400, meaning: 'the JSON body cannot be parsed' },
	unreadable_form: { status: 400, meaning: 'the form body cannot be parsed' },
	unauthenticated: { status: 401, meaning: 'sign in first' },
	token_invalid: {
		status: 401,
		meaning: 'the bearer token is unknown, revoked or expired: sign in again'
	},
	forbidden: { status: 403, meaning: 'signed in, but not allowed to do this' },
	account_disabled: {
		status: 403,
		meaning: 'an administrator disabled this account; it cannot sign in'
	},
	cross_origin: {
		status: 403,
		meaning:
			'a write with the session cookie from another site’s page (a bearer token is not checked)'
	},
	not_found: {
		status: 404,
		meaning: 'nothing has this well-formed id (or it is someone else’s, which is not revealed)'
	},
	no_route: { status: 404, meaning: 'no walking route joins the two points' },
	method_not_allowed: { status: 405, meaning: 'the path does not take this method' },
	full: {
		status: 409,
		meaning: 'the slot is full; `waitlistOpen` says whether its waitlist takes you'
	},
	duplicate: { status: 409, meaning: 'already booked on this slot' },
	already_waiting: { status: 409, meaning: 'already on this slot’s waitlist' },
	available: { status: 409, meaning: 'the slot has room: book it instead of waiting' },
	limit: { status: 409, meaning: 'the person holds as many future bookings as allowed' },
	cancel_cutoff: {
		status: 409,
		meaning: 'inside the cancellation cut-off; `phone` is the service point to call'
	},
	not_active: { status: 409, meaning: 'the booking or slot is no longer active' },
	locked: { status: 409, meaning: 'the rating can no longer be changed' },
	not_attended: { status: 409, meaning: 'only an attended visit can be rated' },
	already_checked_in: { status: 409, meaning: 'the booking is already checked in' },
	cancelled: { status: 409, meaning: 'the booking was cancelled' },
	no_show: { status: 409, meaning: 'the booking was marked as a no-show' },
	wrong_day: { status: 409, meaning: 'the booking is for another day' },
	early: { status: 409, meaning: 'the visit starts later: confirm to check in early' },
	too_early: { status: 409, meaning: 'a no-show can be marked only after the slot ends' },
	taken: { status: 409, meaning: 'another volunteer accepted the help request first' },
	not_started: {
		status: 409,
		meaning: 'the help has not started yet: confirm it once it has happened'
	},
	not_undoable: { status: 409, meaning: 'this change can no longer be undone' },
	has_bookings: { status: 409, meaning: 'active bookings stand in the way' },
	conflict: { status: 409, meaning: 'more people are booked than the new capacity' },
	out_of_order: {
		status: 409,
		meaning:
			'an upload’s piece not where the bytes received end, or a finish before all arrived or twice'
	},
	code_expired: { status: 410, meaning: 'the verification step expired: start again' },
	too_large: { status: 413, meaning: 'the request body is over BODY_SIZE_LIMIT' },
	unsupported_media_type: { status: 415, meaning: 'send JSON (`content-type: application/json`)' },
	too_late: { status: 422, meaning: 'too close to the start to book' },
	beyond_horizon: { status: 422, meaning: 'too far ahead to book' },
	closed: { status: 422, meaning: 'the service point is closed that day' },
	rate_limited: { status: 429, meaning: 'too many requests: wait `Retry-After` seconds' },
	code_required: {
		status: 429,
		meaning: 'the account is locked: sign in with the password and a texted code'
	},
	unexpected: { status: 500, meaning: 'a fault on our side; it is logged' },
	busy: {
		status: 503,
		meaning: 'too many writes at once: nothing was written; try again after `Retry-After` seconds'
	}
} as const satisfies Record<string, { status: number; meaning: string }>;

export type Code = keyof typeof codes;

const byStatus: Record<number, Code> = {
	400: 'invalid_input',
	401: 'unauthenticated',
	403: 'forbidden',
	404: 'not_found',
	405: 'method_not_allowed',
	410: 'code_expired',
	413: 'too_large',
	415: 'unsupported_media_type',
	429: 'rate_limited'
};

/** The code an answer with only a status gets (a framework refusal, a guard's bare `error()`). */
export function codeForStatus(status: number): Code {
	if (status === 503) return 'busy';
	return status >= 500 ? 'unexpected' : (byStatus[status] ?? 'invalid_input');
}

/** The table as README shows it. */
export function codesTable(): string {
	const rows = (Object.keys(codes) as Code[]).map(
		(code) => `| \`${code}\` | ${codes[code].status} | ${codes[code].meaning} |`
	);
	return ['| code | status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
