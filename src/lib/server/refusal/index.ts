import { fail, json, type RequestEvent } from '@sveltejs/kit';
import { codes, type Code } from './codes';

export { codes, codeForStatus, type Code } from './codes';

/**
 * Paths whose refusals are the JSON API's `{"error": {"code", "message"}}`: the API, and the data
 * page's piece-by-piece uploads (read by its script).
 */
export function answersJson(pathname: string): boolean {
	return /^\/(api\/|admin\/data\/uploads(\/|$))/.test(pathname);
}

/**
 * A refused request, the same for every module: the code (whose HTTP status the table in codes.ts
 * gives), the message in the person's language, and the few details some refusals carry. Domain
 * verbs return their own discriminated unions; each module maps its refused results to this.
 */
export interface Refusal {
	code: Code;
	status: number;
	message: string;
	/** full: whether the person can join the slot's waitlist */
	waitlistOpen?: boolean;
	/** cancel_cutoff: the number to call */
	phone?: string;
	/** invalid_input from a form or JSON body: the first message per field */
	errors?: Record<string, string>;
	/** rate_limited, code_required: seconds until a new try can pass */
	retryAfterS?: number;
}

type Details = Pick<Refusal, 'waitlistOpen' | 'phone' | 'errors' | 'retryAfterS'>;

export function refuse(code: Code, message: string, details: Details = {}): Refusal {
	return { code, status: codes[code].status, message, ...details };
}

/**
 * A page's form action refused: `fail(status, { message, ...fields })` with the fields that page
 * reads (errors, values, which form); Retry-After is set when the refusal has one.
 */
export function pageFailure<Fields extends Record<string, unknown> = Record<never, never>>(
	refusal: Refusal,
	fields?: Fields,
	event?: Pick<RequestEvent, 'setHeaders'>
) {
	if (refusal.retryAfterS && event)
		event.setHeaders({ 'retry-after': String(refusal.retryAfterS) });
	return fail(refusal.status, { message: refusal.message, ...(fields as Fields) });
}

/**
 * The JSON API's refusal: `{"error": {"code", "message"}}` with the code's status, plus `fields`
 * (per-field messages; the message is then the first of them), `waitlistOpen` or `phone` when the
 * refusal carries them, and Retry-After.
 */
/**
 * The answers apiFailure made, already in the error contract: the API's error hook passes them on
 * without reading their bodies again (a full slot's 409 is one booking answer in five under load).
 */
const contractAnswers = new WeakSet<Response>();

export function isContractAnswer(response: Response): boolean {
	return contractAnswers.has(response);
}

export function apiFailure(refusal: Refusal): Response {
	const { code, status, errors, waitlistOpen, phone, retryAfterS } = refusal;
	const message = (errors && Object.values(errors)[0]) ?? refusal.message;
	const response = json(
		{
			error: {
				code,
				message,
				...(errors ? { fields: errors } : {}),
				...(waitlistOpen !== undefined ? { waitlistOpen } : {}),
				...(phone !== undefined ? { phone } : {})
			}
		},
		{ status }
	);
	if (retryAfterS) response.headers.set('retry-after', String(retryAfterS));
	contractAnswers.add(response);
	return response;
}

/** Shorthand for the API: a refusal made and answered at once. */
export function apiError(code: Code, message: string): Response {
	return apiFailure(refuse(code, message));
}
